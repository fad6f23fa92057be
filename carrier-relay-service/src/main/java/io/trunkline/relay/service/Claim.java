package io.trunkline.relay.service;

import java.time.Instant;

import io.trunkline.events.SmsEncoding;
import io.trunkline.relay.RelayMessage;

/** A message a sender claimed (state SUBMITTING under {@code token}), detached from the database. */
public record Claim(String messageId, String token, String tenantId, String carrier, String sender,
        String destination, String text, SmsEncoding encoding, boolean deliveryReport, Instant validUntil,
        String route, int attempts) {

    static Claim of(RelayMessage m) {
        return new Claim(m.messageId, m.claimToken, m.tenantId, m.carrier, m.sender, m.destination, m.body,
                SmsEncoding.valueOf(m.encoding), m.deliveryReport, m.validUntil, m.route, m.attempts);
    }
}
