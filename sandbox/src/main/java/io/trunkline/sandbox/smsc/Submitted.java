package io.trunkline.sandbox.smsc;

import java.time.Instant;
import java.util.HexFormat;

/**
 * One submit_sm as the SMSC received it, and what it answered.
 *
 * @param messageId     the id answered in submit_sm_resp; null when the submit was refused
 * @param commandStatus the submit_sm_resp command_status (0 = accepted)
 * @param shortMessage  the octets as received (short_message, or message_payload when short_message is empty)
 * @param udh           the user data header when esm_class has UDHI (0x40), else null
 * @param text          the decoded text without the UDH (data_coding 0, 1, 3, 8), null for binary
 * @param concatRef     concatenation reference (UDH IE 0x00 / 0x08 or sar_msg_ref_num), null if not a part
 */
public record Submitted(
        String messageId,
        int commandStatus,
        String systemId,
        String serviceType,
        int sourceTon,
        int sourceNpi,
        String sourceAddr,
        int destTon,
        int destNpi,
        String destAddr,
        int esmClass,
        int registeredDelivery,
        int dataCoding,
        byte[] shortMessage,
        byte[] udh,
        String text,
        Integer concatRef,
        Integer concatTotal,
        Integer concatSeq,
        String validityPeriod,
        Instant receivedAt) {

    public boolean accepted() {
        return commandStatus == SmppStatus.ESME_ROK;
    }

    public boolean udhi() {
        return (esmClass & 0x40) != 0;
    }

    @Override
    public String toString() {
        return "Submitted[id=" + messageId + ", status=0x" + Integer.toHexString(commandStatus) + ", from=" + sourceAddr
                + ", to=" + destAddr + ", esm=0x" + Integer.toHexString(esmClass) + ", dc=0x"
                + Integer.toHexString(dataCoding) + ", udh=" + (udh == null ? "-" : HexFormat.of().formatHex(udh))
                + ", text=" + text + "]";
    }
}
