package io.trunkline.relay.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsmpp.bean.OptionalParameter.Message_state.Message_state_enum;
import org.junit.jupiter.api.Test;

import io.trunkline.events.SmsStatus;
import io.trunkline.relay.PartState;

/** message_state values, stat words, and what they mean for a message. */
class ReceiptStatesTest {

    @Test
    void messageStateValuesAgreeWithJsmpp() {
        for (MessageState s : MessageState.values()) {
            assertEquals(Message_state_enum.valueOf(s.name()).byteValue(), s.code(), s.name());
            assertEquals(s, MessageState.of(s.code()).orElseThrow());
        }
        assertEquals(2, MessageState.DELIVERED.code());
        assertEquals(5, MessageState.UNDELIVERABLE.code());
        assertEquals(8, MessageState.REJECTED.code());
        assertTrue(MessageState.of(42).isEmpty());
    }

    @Test
    void messageStatesMapToTheirStatWords() {
        assertEquals(ReceiptStat.DELIVRD, MessageState.DELIVERED.stat());
        assertEquals(ReceiptStat.UNDELIV, MessageState.UNDELIVERABLE.stat());
        assertEquals(ReceiptStat.EXPIRED, MessageState.EXPIRED.stat());
        assertEquals(ReceiptStat.DELETED, MessageState.DELETED.stat());
        assertEquals(ReceiptStat.REJECTD, MessageState.REJECTED.stat());
        assertEquals(ReceiptStat.ACCEPTD, MessageState.ACCEPTED.stat());
        assertEquals(ReceiptStat.UNKNOWN, MessageState.UNKNOWN.stat());
        assertEquals(ReceiptStat.ENROUTE, MessageState.SCHEDULED.stat());
    }

    @Test
    void statWordsMapToStatuses() {
        assertEquals(SmsStatus.DELIVERED, ReceiptStat.DELIVRD.partState().status());
        assertEquals(SmsStatus.UNDELIVERED, ReceiptStat.UNDELIV.partState().status());
        assertEquals(SmsStatus.EXPIRED, ReceiptStat.EXPIRED.partState().status());
        assertEquals(SmsStatus.FAILED, ReceiptStat.REJECTD.partState().status());
        assertEquals(SmsStatus.FAILED, ReceiptStat.DELETED.partState().status());
        assertEquals(SmsStatus.UNKNOWN, ReceiptStat.UNKNOWN.partState().status());
        assertFalse(ReceiptStat.ACCEPTD.partState().settled());
        assertFalse(ReceiptStat.ENROUTE.partState().settled());
        assertEquals(PartState.FAILED, ReceiptStat.FAILED.partState());
    }

    @Test
    void statWordsAreReadLeniently() {
        assertEquals(ReceiptStat.DELIVRD, ReceiptStat.parse("delivrd").orElseThrow());
        assertEquals(ReceiptStat.DELIVRD, ReceiptStat.parse(" DELIVERED ").orElseThrow());
        assertEquals(ReceiptStat.UNDELIV, ReceiptStat.parse("Undeliverable").orElseThrow());
        assertEquals(ReceiptStat.REJECTD, ReceiptStat.parse("REJECTED").orElseThrow());
        assertEquals(ReceiptStat.FAILED, ReceiptStat.parse("FAILED").orElseThrow());
        assertTrue(ReceiptStat.parse("BADSTAT").isEmpty());
        assertTrue(ReceiptStat.parse(null).isEmpty());
    }
}
