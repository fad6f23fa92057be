package io.trunkline.bench.relay;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;

import io.trunkline.sandbox.smsc.SandboxSmsc;
import io.trunkline.sandbox.smsc.SmscConfig;

/**
 * submit_sm per second through ONE transceiver bind on loopback with a window of W submits in flight (the relay's
 * design: W submitting threads over one jSMPP session), every submit asking for a receipt, every receipt correlated
 * to its submit by receipted_message_id. Against the sandbox SMSC (jSMPP server side) in this JVM, or against any
 * SMSC at host:port (e.g. Kannel's bearerbox is an ESME, not an SMSC: see README).
 *
 * <pre>java ... LinkBenchmark [messages=50000] [window=100] [host:port (default: in-process sandbox SMSC)]</pre>
 */
public final class LinkBenchmark {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        SandboxSmsc smsc = null;
        String host = "127.0.0.1";
        int port;
        if (args.length > 2) {
            host = args[2].split(":")[0];
            port = Integer.parseInt(args[2].split(":")[1]);
        } else {
            smsc = SandboxSmsc.start(SmscConfig.defaults().withReceiptDelay(Duration.ZERO));
            port = smsc.port();
        }
        Map<String, Long> sentAt = new ConcurrentHashMap<>(n * 2);
        AtomicInteger correlated = new AtomicInteger();
        AtomicInteger orphans = new AtomicInteger();
        Map<String, Boolean> early = new ConcurrentHashMap<>();
        CountDownLatch allReceipts = new CountDownLatch(n);
        SMPPSession session = new SMPPSession();
        session.setTransactionTimer(10_000);
        session.setEnquireLinkTimer(30_000);
        session.setPduProcessorDegree(4);
        session.setQueueCapacity(5_000);
        session.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm d) {
                OptionalParameter p = d.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
                String id = p instanceof OptionalParameter.COctetString s ? s.getValueAsString() : null;
                if (id == null) {
                    orphans.incrementAndGet();
                } else if (sentAt.remove(id) != null || early.putIfAbsent(id, Boolean.TRUE) == null
                        && sentAt.remove(id) != null && early.remove(id) != null) {
                    correlated.incrementAndGet();
                    allReceipts.countDown();
                }
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification a) {
            }

            @Override
            public DataSmResult onAcceptDataSm(DataSm d, Session s) throws ProcessRequestException {
                throw new ProcessRequestException("no data_sm", 3);
            }
        });
        session.connectAndBind(host, port, new BindParameter(BindType.BIND_TRX, SmscConfig.DEFAULT_SYSTEM_ID,
                SmscConfig.DEFAULT_PASSWORD, "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5_000);

        ExecutorService workers = Executors.newFixedThreadPool(window);
        Semaphore slots = new Semaphore(window);
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch allSubmitted = new CountDownLatch(n);
        byte[] text = "Benchmark message for the Trunkline relay".getBytes(StandardCharsets.ISO_8859_1);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            slots.acquire();
            String to = String.format("614%08d", i);
            workers.execute(() -> {
                try {
                    long t = System.nanoTime();
                    String id = session.submitShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                            "61400000000", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to,
                            new ESMClass(), (byte) 0, (byte) 0, null, null, new RegisteredDelivery(1), (byte) 0,
                            DataCodings.ZERO, (byte) 0, text).getMessageId();
                    // a receipt may overtake the response it belongs to (the relay keeps such "orphans" too)
                    if (early.remove(id) != null) {
                        correlated.incrementAndGet();
                        allReceipts.countDown();
                    } else if (sentAt.putIfAbsent(id, t) != null) {
                        failures.incrementAndGet();
                    } else if (early.remove(id) != null && sentAt.remove(id) != null) {
                        correlated.incrementAndGet();
                        allReceipts.countDown();
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                    allReceipts.countDown();
                } finally {
                    allSubmitted.countDown();
                    slots.release();
                }
            });
        }
        allSubmitted.await();
        long submitted = System.nanoTime();
        boolean complete = allReceipts.await(120, TimeUnit.SECONDS);
        long done = System.nanoTime();
        double submitSecs = (submitted - start) / 1e9;
        double totalSecs = (done - start) / 1e9;
        System.out.printf("messages %d, window %d, one transceiver bind%n", n, window);
        System.out.printf("submits: %.1f s -> %.0f submit_sm/s (failures %d)%n", submitSecs, n / submitSecs,
                failures.get());
        System.out.printf("receipts correlated: %d of %d in %.1f s -> %.0f/s end to end (orphans %d, complete %s)%n",
                correlated.get(), n, totalSecs, correlated.get() / totalSecs, orphans.get(), complete);
        workers.shutdownNow();
        session.unbindAndClose();
        if (smsc != null) {
            smsc.close();
        }
        System.exit(0);
    }
}
