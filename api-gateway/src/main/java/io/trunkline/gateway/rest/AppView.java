package io.trunkline.gateway.rest;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** A tenant's app. */
public record AppView(String id, String name, String type, String number, String keyword, JsonNode config,
        Instant createdAt, Instant updatedAt) {
}
