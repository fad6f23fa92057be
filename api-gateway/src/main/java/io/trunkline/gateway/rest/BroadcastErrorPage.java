package io.trunkline.gateway.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One page of a broadcast's per-row errors by row; {@code next_cursor} is null on the last page. */
public record BroadcastErrorPage(List<BroadcastErrorView> items, @JsonProperty("next_cursor") String nextCursor) {
}
