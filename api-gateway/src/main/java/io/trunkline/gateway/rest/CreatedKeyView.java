package io.trunkline.gateway.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new API key: the only time {@code key} is ever shown. */
public record CreatedKeyView(
        String id,
        String name,
        @Schema(description = "The secret: tk_live_ and 43 characters. Shown only in this answer; store it now.") String key,
        String prefix,
        Instant createdAt) {
}
