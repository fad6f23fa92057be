package io.trunkline.sandbox.smsc;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppSession;
import com.cloudhopper.smpp.SmppSessionConfiguration;
import com.cloudhopper.smpp.impl.DefaultSmppClient;
import com.cloudhopper.smpp.impl.DefaultSmppSessionHandler;
import com.cloudhopper.smpp.pdu.DeliverSm;
import com.cloudhopper.smpp.pdu.PduRequest;
import com.cloudhopper.smpp.pdu.PduResponse;
import com.cloudhopper.smpp.pdu.SubmitSm;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import com.cloudhopper.smpp.type.Address;

/** A Cloudhopper ch-smpp ESME (an SMPP implementation independent of the jSMPP the SMSC runs on). */
final class SmppClient implements AutoCloseable {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final DefaultSmppClient client = new DefaultSmppClient(executor, 1);
    final BlockingQueue<DeliverSm> delivered = new LinkedBlockingQueue<>();
    final java.util.concurrent.CountDownLatch peerClosed = new java.util.concurrent.CountDownLatch(1);
    SmppSession session;

    static SmppSessionConfiguration config(int port, SmppBindType type, String systemId, String password) {
        SmppSessionConfiguration c = new SmppSessionConfiguration(type, systemId, password);
        c.setHost("127.0.0.1");
        c.setPort(port);
        c.setConnectTimeout(5_000);
        c.setBindTimeout(5_000);
        c.setRequestExpiryTimeout(10_000);
        c.setWindowMonitorInterval(5_000);
        c.setName("test-esme-" + type);
        return c;
    }

    SmppClient bind(int port, SmppBindType type, String systemId, String password) throws Exception {
        session = client.bind(config(port, type, systemId, password), new DefaultSmppSessionHandler() {
            @Override
            public PduResponse firePduRequestReceived(PduRequest request) {
                if (request instanceof DeliverSm d) {
                    delivered.add(d);
                }
                return request.createResponse();
            }

            @Override
            public void fireChannelUnexpectedlyClosed() {
                peerClosed.countDown();
            }
        });
        return this;
    }

    SubmitSmResp submit(String from, String to, byte dataCoding, byte esmClass, byte[] octets, boolean receipt)
            throws Exception {
        SubmitSm s = new SubmitSm();
        s.setSourceAddress(new Address((byte) 1, (byte) 1, from));
        s.setDestAddress(new Address((byte) 1, (byte) 1, to));
        s.setDataCoding(dataCoding);
        s.setEsmClass(esmClass);
        s.setRegisteredDelivery((byte) (receipt ? 1 : 0));
        s.setShortMessage(octets);
        return session.submit(s, 10_000);
    }

    DeliverSm nextDelivered() throws InterruptedException {
        DeliverSm d = delivered.poll(15, TimeUnit.SECONDS);
        if (d == null) {
            throw new AssertionError("no deliver_sm within 15 s");
        }
        return d;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (session != null) {
            session.unbind(2_000);
            session.destroy();
        }
        client.destroy();
        executor.shutdownNow();
    }

    private boolean closed;
}
