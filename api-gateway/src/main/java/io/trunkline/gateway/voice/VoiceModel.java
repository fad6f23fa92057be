package io.trunkline.gateway.voice;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The tenant call API's bodies. Requests are read here (so the gateway can keep the status callback and check JSON
 * before voice is asked); answers are voice-service's own JSON, passed on unchanged: the records below document them.
 */
public final class VoiceModel {
    private VoiceModel() {
    }

    @Schema(name = "CallRequest", description = "A call to place. Numbers are E.164.")
    public record CallRequest(
            @Schema(description = "CLICK_TO_CALL (default), SMS_TO_CALL, FOLLOW_ME or SPEECH_BROADCAST",
                    examples = "CLICK_TO_CALL") String kind,
            @Schema(description = "Agent numbers, tried one after another (click-to-call, follow-me without profile)",
                    examples = "[\"+27115550001\"]") List<String> agents,
            @Schema(description = "The customer (click-to-call: the first one) or the numbers of a speech broadcast",
                    examples = "[\"+27821234567\"]") List<String> customers,
            @Schema(description = "Caller ID to present; default the tenant's") String callerId,
            @Schema(description = "SPEECH_BROADCAST: the text to speak") String speechText,
            @Schema(description = "SPEECH_BROADCAST: male|female-en-US|en-GB|en-IN", examples = "female-en-US")
            String voice,
            @Schema(description = "FOLLOW_ME: the follow-me profile to ring") String profileId,
            @Schema(description = "The tenant's own reference, up to 255 characters") String reference,
            @JsonProperty("status_callback") @JsonAlias("statusCallback")
            @Schema(description = "http(s) URL for this call's signed status webhooks; default the tenant's CALL_STATUS "
                    + "webhook URL", examples = "https://example.com/hooks/calls") String statusCallback,
            @Schema(description = "RFC 3339 time: a call still waiting for a free channel then fails",
                    examples = "2026-12-24T09:05:00Z") String deadline) {
    }

    @Schema(name = "CallAccepted")
    public record CallAccepted(String callId, @Schema(examples = "QUEUED") String status) {
    }

    @Schema(name = "CallStep", description = "One step of the call's timeline")
    public record Step(@Schema(examples = "DIALING_AGENT") String status, String party, String reason, String at) {
    }

    @Schema(name = "CallLeg", description = "One channel the call opened (one CDR)")
    public record Leg(String legId, @Schema(examples = "AGENT") String role, String party, int attempt,
            @Schema(examples = "ANSWERED") String outcome, @Schema(examples = "16") String hangupCause,
            String startedAt, String answeredAt, String endedAt, long billableSeconds) {
    }

    @Schema(name = "Call")
    public record CallView(String callId, String kind,
            @Schema(description = "QUEUED, DIALING_AGENT, AGENT_ANSWERED, DIALING_CUSTOMER, BRIDGED, COMPLETED, FAILED")
            String status, String reason, List<String> agents, List<String> customers, String callerId,
            String profileId, String reference, String trunk, String createdAt, String endedAt, List<Step> timeline,
            List<Leg> legs) {
    }

    @Schema(name = "CallSummary")
    public record CallSummary(String callId, String kind, String status, String reason, String reference,
            String createdAt, String endedAt) {
    }

    @Schema(name = "CallPage")
    public record CallPage(List<CallSummary> items, int page, int size, long total) {
    }

    @Schema(name = "FollowMeProfileRequest")
    public record ProfileRequest(
            @Schema(required = true, description = "1 to 128 characters", examples = "office") String name,
            @Schema(description = "HUNT (default: one after another) or RING_ALL (all at once, first answer wins)",
                    examples = "HUNT") String mode,
            @Schema(required = true, description = "1 to 10 E.164 numbers", examples = "[\"+27115551111\"]")
            List<String> numbers,
            @Schema(description = "How long each number rings, 1 to 120 (default 20)", examples = "20")
            Integer ringSeconds) {
    }

    @Schema(name = "FollowMeProfile")
    public record ProfileView(String profileId, String name, String mode, List<String> numbers, int ringSeconds,
            String createdAt, String updatedAt) {
    }

    /** The JSON body of a CALL_STATUS webhook: one step of a call. */
    @Schema(name = "CallStatusWebhook")
    public record CallStatusWebhook(String callId, String kind, String reference, String status, String party,
            String reason, String occurredAt) {
    }
}
