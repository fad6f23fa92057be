package io.trunkline.gateway.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.trunkline.gateway.Broadcast;

/** A broadcast as its tenant sees it, with its progress. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Broadcast")
public record BroadcastView(
        String id,
        @Schema(description = "queued, sending, completed (every recipient dispatched; receipts may still arrive) or "
                + "canceled", examples = "sending") String status,
        String from,
        String text,
        String template,
        @JsonProperty("contact_list_id") String contactListId,
        String reference,
        @JsonProperty("status_callback") String statusCallback,
        @JsonProperty("send_at") Instant sendAt,
        @Schema(description = "Rows in the request (or members of the list), valid or not") int total,
        @Schema(description = "Rows by outcome: pending (not dispatched yet), canceled, rejected (refused at "
                + "dispatch), invalid, duplicate, opted_out, and the dispatched messages by their current status "
                + "(queued, sent, delivered, failed, ...); they add up to total",
                examples = "{\"pending\": 900, \"queued\": 40, \"sent\": 30, \"delivered\": 28, \"invalid\": 2, "
                        + "\"opted_out\": 0}")
        Map<String, Long> counts,
        @JsonProperty("hold_reason") @Schema(description = "Why dispatch is waiting, e.g. billing refuses the account")
        String holdReason,
        @Schema(description = "The first per-row errors; all of them at /v1/broadcasts/{id}/errors") List<BroadcastErrorView> errors,
        @JsonProperty("errors_total") long errorsTotal,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt,
        Instant canceledAt) {

    public static BroadcastView of(Broadcast b, Map<String, Long> counts, List<BroadcastErrorView> errors,
            long errorsTotal) {
        return new BroadcastView(b.id, b.status, b.sender, b.template ? null : b.body, b.template ? b.body : null,
                b.contactListId, b.reference, b.statusCallback, b.sendAt, b.total, counts, b.holdReason, errors,
                errorsTotal, b.createdAt, b.updatedAt, b.completedAt, b.canceledAt);
    }
}
