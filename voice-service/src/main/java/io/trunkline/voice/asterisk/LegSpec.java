package io.trunkline.voice.asterisk;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One channel to originate.
 *
 * @param legId     our id for it: the Originate ActionID and ChannelId (so the channel's Uniqueid), the CDR id
 * @param dial      the dial string (e.g. {@code Local/+27821234567@trunkline-out})
 * @param callerId  caller ID presented, E.164
 * @param timeout   how long it may ring
 * @param context   the dialplan context it runs once answered (exten {@code s}, priority 1)
 * @param variables channel variables (TTS text and voice, our ids)
 * @param notBefore a time to place it at (call files: a future mtime schedules it); null: now
 */
public record LegSpec(String legId, String dial, String callerId, Duration timeout, String context,
        Map<String, String> variables, Instant notBefore) {
}
