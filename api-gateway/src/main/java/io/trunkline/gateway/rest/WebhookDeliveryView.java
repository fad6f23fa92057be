package io.trunkline.gateway.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.trunkline.gateway.WebhookAttempt;
import io.trunkline.gateway.WebhookDelivery;
import io.trunkline.gateway.service.WebhookService;

/** A webhook delivery in the log; {@code body} and {@code attempts} only on the single-delivery read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookDeliveryView(
        String id,
        @Schema(description = "message_status, inbound_message, call_status or verification") String kind,
        @Schema(description = "The event type, e.g. message.status (also the Trunkline-Event header)") String eventType,
        String url,
        @Schema(enumeration = { "pending", "retrying", "delivered", "dead" }) String status,
        @Schema(description = "Tries so far") int attemptCount,
        @Schema(description = "When the next try is due (pending or retrying)") Instant nextAttemptAt,
        @Schema(description = "HTTP status of the last try, absent when it got no answer") Integer lastHttpStatus,
        @Schema(description = "Why the last try got no answer (timeout, connection refused, ...)") String lastError,
        @Schema(description = "The delivery this one replays") String replayOf,
        Instant createdAt,
        @Schema(description = "When it was delivered or declared dead") Instant finishedAt,
        @JsonRawValue @Schema(type = SchemaType.OBJECT, description = "The JSON body exactly as sent and signed")
        String body,
        @Schema(description = "Every try, first first (single-delivery read only)") List<Attempt> attempts) {

    /** One try: when, how long, and the HTTP status or the error. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(int attempt, Instant at, long durationMs, Integer httpStatus, String error) {
        static Attempt of(WebhookAttempt a) {
            return new Attempt(a.attempt, a.startedAt, a.durationMs, a.httpStatus, a.error);
        }
    }

    public static WebhookDeliveryView of(WebhookDelivery d) {
        return of(d, null);
    }

    public static WebhookDeliveryView of(WebhookDelivery d, List<WebhookAttempt> attempts) {
        boolean finished = WebhookDelivery.DELIVERED.equals(d.status) || WebhookDelivery.DEAD.equals(d.status);
        return new WebhookDeliveryView(d.id, WebhookService.Kind.valueOf(d.kind).external(), d.eventType, d.url,
                d.status, d.attempts, finished ? null : d.nextAttemptAt, d.lastHttpStatus, d.lastError, d.replayOf,
                d.createdAt, d.finishedAt, attempts == null ? null : d.body,
                attempts == null ? null : attempts.stream().map(Attempt::of).toList());
    }
}
