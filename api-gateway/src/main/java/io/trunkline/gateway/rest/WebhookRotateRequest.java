package io.trunkline.gateway.rest;

import java.time.Duration;
import java.time.format.DateTimeParseException;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trunkline.platform.rest.ProblemException;

/** How a rotation treats the secret it replaces; the body is optional (none: it stops at once). */
@Schema(description = "Optional. previousSecretValidFor: how long the replaced secret keeps signing beside the new "
        + "one, an ISO-8601 duration from PT0S (stop at once, the default) to P7D.",
        example = "{\"previousSecretValidFor\":\"PT24H\"}")
public record WebhookRotateRequest(String previousSecretValidFor) {

    /** The request from a body that may be empty; 400 naming {@code body} when it is not a JSON object of this shape. */
    static WebhookRotateRequest read(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) {
            return new WebhookRotateRequest(null);
        }
        try {
            WebhookRotateRequest r = json.readValue(body, WebhookRotateRequest.class);
            return r == null ? new WebhookRotateRequest(null) : r;
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid("body", "must be a JSON object such as {\"previousSecretValidFor\":\"PT24H\"}"
                    + " or empty: " + e.getOriginalMessage());
        }
    }

    Duration previousValidity() {
        if (previousSecretValidFor == null || previousSecretValidFor.isBlank()) {
            return Duration.ZERO;
        }
        try {
            return Duration.parse(previousSecretValidFor.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("previousSecretValidFor",
                    "must be an ISO-8601 duration such as PT24H (from PT0S to P7D)");
        }
    }
}
