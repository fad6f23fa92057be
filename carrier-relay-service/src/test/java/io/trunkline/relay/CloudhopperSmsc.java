package io.trunkline.relay;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.SmppServerConfiguration;
import com.cloudhopper.smpp.SmppServerHandler;
import com.cloudhopper.smpp.SmppServerSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppServer;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.BaseBind;
import com.cloudhopper.smpp.pdu.BaseBindResp;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.tlv.Tlv;
import com.cloudhopper.smpp.type.Address;
import com.cloudhopper.smpp.type.SmppProcessingException;
import com.cloudhopper.smpp.util.DeliveryReceipt;

/**
 * An SMSC built on Cloudhopper ch-smpp's server (an SMPP implementation independent of the jSMPP the relay and the
 * sandbox run on): binds {@code trunkline}/{@code secret}, answers submit_sm with a decimal message id, and sends
 * each requested receipt as deliver_sm in Cloudhopper's own Appendix B text (no TLVs) 100 ms later.
 */
public final class CloudhopperSmsc implements AutoCloseable {
    final List<SubmitSm> submits = new CopyOnWriteArrayList<>();
    final Map<Long, SmppServerSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(9_000_000_000L);
    private final ScheduledExecutorService receipts = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "cloudhopper-smsc-receipts");
        t.setDaemon(true);
        return t;
    });
    private final DefaultSmppServer server;
    final int port;

    public CloudhopperSmsc() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SmppServerConfiguration c = new SmppServerConfiguration();
        c.setPort(port);
        c.setHost("127.0.0.1");
        c.setSystemId("cloudhopper");
        c.setMaxConnectionSize(10);
        c.setNonBlockingSocketsEnabled(true);
        c.setDefaultWindowSize(100);
        c.setDefaultRequestExpiryTimeout(10_000);
        c.setJmxEnabled(false);
        server = new DefaultSmppServer(c, new SmppServerHandler() {
            @Override
            public void sessionBindRequested(Long id, SmppSessionConfiguration config, BaseBind bind)
                    throws SmppProcessingException {
                if (!"trunkline".equals(bind.getSystemId())) {
                    throw new SmppProcessingException(SmppConstants.STATUS_INVSYSID);
                }
                if (!"secret".equals(bind.getPassword())) {
                    throw new SmppProcessingException(SmppConstants.STATUS_INVPASWD);
                }
            }

            @Override
            public void sessionCreated(Long id, SmppServerSession session, BaseBindResp resp) {
                sessions.put(id, session);
                session.serverReady(new Handler());
            }

            @Override
            public void sessionDestroyed(Long id, SmppServerSession session) {
                sessions.remove(id);
                session.destroy();
            }
        });
        server.start();
    }

    private final class Handler extends DefaultSmppSessionHandler {
        @Override
        public PduResponse firePduRequestReceived(PduRequest request) {
            if (request instanceof SubmitSm submit) {
                submits.add(submit);
                String id = String.valueOf(ids.incrementAndGet());
                SubmitSmResp resp = submit.createResponse();
                resp.setMessageId(id);
                if ((submit.getRegisteredDelivery() & 0x01) != 0) {
                    DateTime now = DateTime.now(DateTimeZone.UTC);
                    receipts.schedule(() -> receipt(submit, id, now), 100, TimeUnit.MILLISECONDS);
                }
                return resp;
            }
            return request.createResponse();
        }
    }

    private void receipt(SubmitSm submit, String id, DateTime at) {
        try {
            DeliverSm d = new DeliverSm();
            d.setEsmClass(SmppConstants.ESM_CLASS_MT_SMSC_DELIVERY_RECEIPT);
            d.setSourceAddress(submit.getDestAddress());
            d.setDestAddress(submit.getSourceAddress());
            DeliveryReceipt r = new DeliveryReceipt(id, 1, 1, at, DateTime.now(DateTimeZone.UTC),
                    SmppConstants.STATE_DELIVERED, 0, "");
            d.setShortMessage(r.toShortMessage().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            receiver().sendRequestPdu(d, 10_000, false);
        } catch (Exception e) {
            throw new IllegalStateException("receipt " + id + " not sent", e);
        }
    }

    /** Sends a mobile-originated deliver_sm (GSM, data_coding 0) to the bound ESME. */
    void sendMo(String from, String to, byte[] gsm) throws Exception {
        DeliverSm d = new DeliverSm();
        d.setSourceAddress(new Address((byte) 1, (byte) 1, from));
        d.setDestAddress(new Address((byte) 1, (byte) 1, to));
        d.setShortMessage(gsm);
        d.addOptionalParameter(new Tlv(SmppConstants.TAG_USER_MESSAGE_REFERENCE, new byte[] {0, 1}));
        receiver().sendRequestPdu(d, 10_000, true);
    }

    private SmppServerSession receiver() {
        return sessions.values().stream().filter(s -> s.isBound()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no ESME bound"));
    }

    @Override
    public void close() {
        receipts.shutdownNow();
        sessions.values().forEach(SmppServerSession::close);
        server.destroy();
    }
}
