package io.trunkline.relay.service;

import java.util.List;
import java.util.Optional;

import io.trunkline.events.SmsStatus;
import io.trunkline.relay.PartState;

/**
 * A message's status from its parts' states. A single part speaks for the message (DELIVERED, or its own EXPIRED /
 * FAILED / UNDELIVERED, or UNKNOWN). Several parts: DELIVERED as soon as every part is; otherwise nothing is
 * published until every part is settled, and then PARTIALLY_DELIVERED when some parts were delivered and others
 * failed, UNDELIVERED when none was delivered and some failed, UNKNOWN when the rest is only UNKNOWN. A verdict is
 * final, so a failed part no longer ends the message at once: the other parts' receipts (or the expiry sweep) are
 * waited for, else a message with two of three parts on the handset would read UNDELIVERED.
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
        long delivered = states.stream().filter(s -> s == PartState.DELIVERED).count();
        boolean anyFailed = states.stream().anyMatch(PartState::failed);
        if (partsTotal <= 1) {
            Optional<PartState> failed = states.stream().filter(PartState::failed).findFirst();
            if (failed.isPresent()) {
                return Optional.of(failed.get().status());
            }
            if (delivered > 0) {
                return Optional.of(SmsStatus.DELIVERED);
            }
            return states.size() == 1 && states.get(0).settled() ? Optional.of(SmsStatus.UNKNOWN) : Optional.empty();
        }
        if (delivered == partsTotal) {
            return Optional.of(SmsStatus.DELIVERED);
        }
        boolean allSettled = states.size() == partsTotal && states.stream().allMatch(PartState::settled);
        if (!allSettled) {
            return Optional.empty();
        }
        if (anyFailed) {
            return Optional.of(delivered > 0 ? SmsStatus.PARTIALLY_DELIVERED : SmsStatus.UNDELIVERED);
        }
        return Optional.of(SmsStatus.UNKNOWN);
    }
}
