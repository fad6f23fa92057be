package io.trunkline.gateway.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One page of the tenant's contact lists by name; {@code next_cursor} is null on the last page. */
public record ContactListPage(List<ContactListView> items, @JsonProperty("next_cursor") String nextCursor) {
}
