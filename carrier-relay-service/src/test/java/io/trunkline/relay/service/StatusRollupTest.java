package io.trunkline.relay.service;

import static io.trunkline.relay.PartState.DELIVERED;
import static io.trunkline.relay.PartState.ENROUTE;
import static io.trunkline.relay.PartState.EXPIRED;
import static io.trunkline.relay.PartState.FAILED;
import static io.trunkline.relay.PartState.SENT;
import static io.trunkline.relay.PartState.UNDELIVERED;
import static io.trunkline.relay.PartState.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.trunkline.events.SmsStatus;

class StatusRollupTest {

    @Test
    void deliveredOnlyWhenEveryPartIs() {
        assertEquals(Optional.of(SmsStatus.DELIVERED), StatusRollup.rollup(1, List.of(DELIVERED)));
        assertTrue(StatusRollup.rollup(3, List.of(DELIVERED, DELIVERED, SENT)).isEmpty());
        assertTrue(StatusRollup.rollup(3, List.of(DELIVERED, ENROUTE, DELIVERED)).isEmpty());
        assertEquals(Optional.of(SmsStatus.DELIVERED), StatusRollup.rollup(3, List.of(DELIVERED, DELIVERED, DELIVERED)));
    }

    @Test
    void partsThatWereNeverAcceptedKeepItFromBeingDelivered() {
        assertTrue(StatusRollup.rollup(3, List.of(DELIVERED, DELIVERED)).isEmpty());
    }

    @Test
    void aFailedPartWaitsForTheOtherParts() {
        assertTrue(StatusRollup.rollup(3, List.of(DELIVERED, EXPIRED, SENT)).isEmpty());
        assertTrue(StatusRollup.rollup(3, List.of(FAILED, ENROUTE, DELIVERED)).isEmpty());
        assertTrue(StatusRollup.rollup(3, List.of(UNDELIVERED, DELIVERED)).isEmpty(), "a part never accepted");
    }

    @Test
    void someDeliveredAndOthersFailedIsPartiallyDelivered() {
        assertEquals(Optional.of(SmsStatus.PARTIALLY_DELIVERED), StatusRollup.rollup(2, List.of(FAILED, DELIVERED)));
        assertEquals(Optional.of(SmsStatus.PARTIALLY_DELIVERED),
                StatusRollup.rollup(3, List.of(DELIVERED, EXPIRED, UNKNOWN)));
    }

    @Test
    void noPartDeliveredAndSomeFailedIsUndelivered() {
        assertEquals(Optional.of(SmsStatus.UNDELIVERED), StatusRollup.rollup(3, List.of(UNDELIVERED, EXPIRED, FAILED)));
        assertEquals(Optional.of(SmsStatus.UNDELIVERED), StatusRollup.rollup(2, List.of(UNKNOWN, UNDELIVERED)));
    }

    @Test
    void aSinglePartKeepsItsOwnVerdict() {
        assertEquals(Optional.of(SmsStatus.EXPIRED), StatusRollup.rollup(1, List.of(EXPIRED)));
        assertEquals(Optional.of(SmsStatus.FAILED), StatusRollup.rollup(1, List.of(FAILED)));
        assertEquals(Optional.of(SmsStatus.UNDELIVERED), StatusRollup.rollup(1, List.of(UNDELIVERED)));
        assertEquals(Optional.of(SmsStatus.UNKNOWN), StatusRollup.rollup(1, List.of(UNKNOWN)));
        assertTrue(StatusRollup.rollup(1, List.of(ENROUTE)).isEmpty());
        assertTrue(StatusRollup.rollup(1, List.of(SENT)).isEmpty());
    }

    @Test
    void allSettledWithSomeUnknownIsUnknown() {
        assertEquals(Optional.of(SmsStatus.UNKNOWN), StatusRollup.rollup(2, List.of(DELIVERED, UNKNOWN)));
        assertTrue(StatusRollup.rollup(3, List.of(DELIVERED, UNKNOWN, SENT)).isEmpty());
    }
}
