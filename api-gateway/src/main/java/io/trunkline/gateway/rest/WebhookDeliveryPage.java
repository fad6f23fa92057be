package io.trunkline.gateway.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the delivery log, newest first; {@code nextCursor} is absent on the last page. */
public record WebhookDeliveryPage(
        List<WebhookDeliveryView> items,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(description = "Pass as cursor for the next page; null on the last page") String nextCursor) {
}
