package io.trunkline.gsm.pdu;

import java.time.OffsetDateTime;

/** A decoded TPDU with the SMSC field a modem shows in front of it. */
public sealed interface Tpdu {
    /** The SMSC field, or null when it was empty (the modem's default SMSC). */
    Address smsc();

    record Deliver(Address smsc, int firstOctet, Address originator, int protocolId, DataCodingScheme dcs,
            OffsetDateTime serviceCentreTime, UserData userData) implements Tpdu {
        public String text() {
            return userData.text();
        }

        public boolean statusReportIndication() {
            return (firstOctet & 0x20) != 0;
        }
    }

    record Submit(Address smsc, int firstOctet, int messageReference, Address destination, int protocolId,
            DataCodingScheme dcs, ValidityPeriod validity, UserData userData) implements Tpdu {
        public String text() {
            return userData.text();
        }

        public boolean statusReportRequest() {
            return (firstOctet & 0x20) != 0;
        }

        public boolean rejectDuplicates() {
            return (firstOctet & 0x04) != 0;
        }
    }

    record StatusReport(Address smsc, int firstOctet, int messageReference, Address recipient,
            OffsetDateTime serviceCentreTime, OffsetDateTime dischargeTime, int status) implements Tpdu {
        public TpStatus.Outcome outcome() {
            return TpStatus.outcome(status);
        }
    }
}
