package io.trunkline.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/contact-lists} and {@code PUT /v1/contact-lists/{id}} (rename). */
@Schema(name = "ContactListRequest")
public record ContactListRequest(
        @Schema(required = true, description = "Unique among the tenant's lists, 1-100 characters",
                examples = "newsletter") String name) {
}
