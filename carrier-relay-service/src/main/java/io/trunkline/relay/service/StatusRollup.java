package io.trunkline.relay.service;

import java.util.List;
import java.util.Optional;

import io.trunkline.events.SmsStatus;
import io.trunkline.relay.PartState;

/**
 * A message's status from its parts' states. Any failed part fails the message (a single part keeps its own
 * verdict: EXPIRED, FAILED, UNDELIVERED; several parts with one lost are UNDELIVERED as a whole); the message is
 * DELIVERED only when every one of its parts is; all parts settled with some only UNKNOWN makes it UNKNOWN;
 * anything else is no news.
 */
public final class StatusRollup {
    private StatusRollup() {
    }

    /**
     * @param partsTotal how many parts the message was split into (parts whose submit went unanswered have no
     *                   state, so fewer states than parts can never add up to DELIVERED)
     * @param states     the states of the parts the carrier accepted
     */
    public static Optional<SmsStatus> rollup(int partsTotal, List<PartState> states) {
        List<PartState> failed = states.stream().filter(PartState::failed).toList();
        if (!failed.isEmpty()) {
            return Optional.of(partsTotal == 1 ? failed.get(0).status() : SmsStatus.UNDELIVERED);
        }
        long delivered = states.stream().filter(s -> s == PartState.DELIVERED).count();
        if (delivered == partsTotal && partsTotal > 0) {
            return Optional.of(SmsStatus.DELIVERED);
        }
        boolean allSettled = states.size() == partsTotal && states.stream().allMatch(PartState::settled);
        if (allSettled) {
            return Optional.of(SmsStatus.UNKNOWN);
        }
        return Optional.empty();
    }
}
