package io.trunkline.relay.smpp;

import java.util.concurrent.ThreadLocalRandom;

import org.jboss.logging.Logger;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.util.MessageId;

/**
 * What the carrier sends us (deliver_sm, data_sm): receipts to {@link Handler#receipt}, other messages to
 * {@link Handler#message}. Returning normally sends the positive response, so the handler must have made its
 * effect durable first; if it throws, the response is ESME_RX_T_APPN and the SMSC sends the PDU again later.
 */
public final class SmppReceiver implements MessageReceiverListener {
    private static final Logger LOG = Logger.getLogger(SmppReceiver.class);

    /** Called on jSMPP's PDU threads. */
    public interface Handler {
        void receipt(String carrier, DeliveryReceipt receipt);

        void message(String carrier, MoMessage message);
    }

    private final String carrier;
    private final Handler handler;

    public SmppReceiver(String carrier, Handler handler) {
        this.carrier = carrier;
        this.handler = handler;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm d) throws ProcessRequestException {
        dispatch(d.getSourceAddrTon(), d.getSourceAddr(), d.getDestAddrTon(), d.getDestAddress(), d.getEsmClass(),
                d.getDataCoding(), d.getShortMessage(), d.getOptionalParameters(), "deliver_sm");
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm d, Session source) throws ProcessRequestException {
        dispatch(d.getSourceAddrTon(), d.getSourceAddr(), d.getDestAddrTon(), d.getDestAddress(), d.getEsmClass(),
                d.getDataCoding(), null, d.getOptionalParameters(), "data_sm");
        try {
            return new DataSmResult(new MessageId(Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 24)),
                    new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new ProcessRequestException("cannot answer data_sm", CommandStatus.ESME_RSYSERR.code(), e);
        }
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alert) {
        LOG.infof("%s: alert_notification for %s", carrier, alert.getSourceAddr());
    }

    private void dispatch(byte sourceTon, String source, byte destTon, String dest, byte esmClass, byte dataCoding,
            byte[] shortMessage, OptionalParameter[] tlvs, String pdu) throws ProcessRequestException {
        try {
            int esm = esmClass & 0xFF;
            if (ReceiptParser.isReceipt(esm, tlvs)) {
                handler.receipt(carrier, ReceiptParser.parse(dataCoding, shortMessage, tlvs));
            } else if (ReceiptParser.isSmeAcknowledgement(esm)) {
                LOG.infof("%s: SME acknowledgement from %s ignored", carrier, source);
            } else {
                handler.message(carrier, MoMessage.of(sourceTon & 0xFF, source, destTon & 0xFF, dest, esm,
                        dataCoding, shortMessage, tlvs));
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "%s: %s not processed, answering ESME_RX_T_APPN so the SMSC retries", carrier, pdu);
            throw new ProcessRequestException(e.toString(), CommandStatus.ESME_RX_T_APPN.code(), e);
        }
    }
}
