package io.trunkline.gateway.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One page of a list's members by number; {@code next_cursor} is null on the last page. */
public record ContactListContactPage(List<ContactListContactView> items,
        @JsonProperty("next_cursor") String nextCursor) {
}
