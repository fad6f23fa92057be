package io.trunkline.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/operator/tenants/{id}/keys}. */
public record CreateKeyRequest(@Schema(required = true, description = "What the key is for, up to 64 characters",
        examples = "ci") String name) {
}
