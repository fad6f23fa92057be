package io.trunkline.relay.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashSet;

import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;

class CommandStatusTest {

    @Test
    void codesAgreeWithJsmppsConstants() throws Exception {
        int compared = 0;
        for (CommandStatus s : CommandStatus.values()) {
            Field f;
            try {
                f = SMPPConstant.class.getField("STAT_" + s.name());
            } catch (NoSuchFieldException e) {
                continue; // jSMPP names some TLV errors after SMPP 5.0
            }
            assertEquals(f.getInt(null), s.code(), s.name());
            compared++;
        }
        assertTrue(compared >= 40, "compared " + compared);
    }

    @Test
    void specValuesThisServiceActsOn() {
        assertEquals(0x00, CommandStatus.ESME_ROK.code());
        assertEquals(0x08, CommandStatus.ESME_RSYSERR.code());
        assertEquals(0x0E, CommandStatus.ESME_RINVPASWD.code());
        assertEquals(0x14, CommandStatus.ESME_RMSGQFUL.code());
        assertEquals(0x45, CommandStatus.ESME_RSUBMITFAIL.code());
        assertEquals(0x58, CommandStatus.ESME_RTHROTTLED.code());
        assertEquals(0x64, CommandStatus.ESME_RX_T_APPN.code());
        assertEquals(CommandStatus.values().length,
                new HashSet<>(Arrays.stream(CommandStatus.values()).map(CommandStatus::code).toList()).size());
    }

    @Test
    void onlyThrottlingAndQueueFullAreRetried() {
        assertTrue(CommandStatus.retryLater(0x58));
        assertTrue(CommandStatus.retryLater(0x14));
        assertFalse(CommandStatus.retryLater(0x45));
        assertFalse(CommandStatus.retryLater(0x0B));
        assertFalse(CommandStatus.retryLater(0x08));
    }

    @Test
    void describesKnownAndVendorCodes() {
        assertEquals("0x00000045", CommandStatus.hex(0x45));
        assertEquals("0x00000400", CommandStatus.hex(0x400));
        assertTrue(CommandStatus.describe(0x45).startsWith("ESME_RSUBMITFAIL"));
        assertEquals("vendor-specific status 0x00000400", CommandStatus.describe(0x400));
    }
}
