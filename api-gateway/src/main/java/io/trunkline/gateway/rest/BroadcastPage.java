package io.trunkline.gateway.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One page of the tenant's broadcasts, newest first; {@code next_cursor} is null on the last page. */
public record BroadcastPage(List<BroadcastView> items, @JsonProperty("next_cursor") String nextCursor) {
}
