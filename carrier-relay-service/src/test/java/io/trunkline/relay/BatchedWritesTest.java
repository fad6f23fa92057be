package io.trunkline.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsEncoding;
import io.trunkline.relay.repository.OrphanReceiptRepository;
import io.trunkline.relay.repository.RelayMessageRepository;
import io.trunkline.relay.repository.RelayPartRepository;
import io.trunkline.relay.service.Claim;
import io.trunkline.relay.service.Outcome;
import io.trunkline.relay.service.ReceiptService;
import io.trunkline.relay.service.ReceiptService.Incoming;
import io.trunkline.relay.service.ReceiptService.Result;
import io.trunkline.relay.service.SubmitService;
import io.trunkline.relay.service.SubmitService.Completion;
import io.trunkline.relay.smpp.DeliveryReceipt;
import io.trunkline.relay.smpp.ReceiptParser;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;

/**
 * The batched write paths (several submit outcomes, several receipts per transaction) keep the one-at-a-time
 * guarantees: a batch is all or nothing, an unknown receipt in a batch becomes an orphan while the others apply, a
 * repeated receipt changes nothing, and an orphan is matched by the batch that records its part. Carrier
 * {@code offline} has no link: the test plays the senders and the receivers.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaTestResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = MySqlTestResource.class,
        initArgs = @ResourceArg(name = "database", value = "relay_batch_test"), restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SandboxSmscResource.class, restrictToAnnotatedClass = true)
class BatchedWritesTest {
    /** A carrier of its own per test: what one test leaves queued is not claimed by the next. */
    private final String carrier = "offline-" + UUID.randomUUID().toString().substring(0, 8);

    @Inject
    SubmitService submits;

    @Inject
    ReceiptService receipts;

    @Inject
    RelayMessageRepository messages;

    @Inject
    RelayPartRepository parts;

    @Inject
    OrphanReceiptRepository orphans;

    @Test
    void aBatchOfOutcomesRecordsEveryMessageWithItsEventsOnce() {
        List<Claim> claims = queueAndClaim(5);
        List<Completion> batch = new ArrayList<>();
        batch.add(new Completion(claims.get(0), Outcome.sent(List.of(id()))));
        batch.add(new Completion(claims.get(1), Outcome.sent(List.of(id(), id()))));
        batch.add(new Completion(claims.get(2), Outcome.failed("0x00000045", "ESME_RSUBMITFAIL", List.of(), 1)));
        batch.add(new Completion(claims.get(3), Outcome.unknown("no submit_sm_resp", List.of(), 1)));
        batch.add(new Completion(claims.get(4), Outcome.requeue("link down")));
        submits.completeAll(batch);

        assertEquals(RelayMessage.State.SENT, state(claims.get(0)));
        assertEquals(RelayMessage.State.SENT, state(claims.get(1)));
        assertEquals(RelayMessage.State.FAILED, state(claims.get(2)));
        assertEquals(RelayMessage.State.UNKNOWN, state(claims.get(3)));
        assertEquals(RelayMessage.State.QUEUED, state(claims.get(4)));
        assertEquals(2, inTx(() -> parts.ofMessage(claims.get(1).messageId()).size()));
        // one status each (none for the requeued one), one CDR for each SENT / FAILED message, ids as before
        assertEquals(1, outboxRows("sms.status", claims.get(0).messageId()));
        assertEquals(1, outboxRows("sms.status", claims.get(3).messageId()));
        assertEquals(0, outboxRows("sms.status", claims.get(4).messageId()));
        assertEquals(1, cdrRows("sms-out-" + claims.get(0).messageId()));
        assertEquals(1, cdrRows("sms-out-" + claims.get(2).messageId()));
        assertEquals(0, cdrRows("sms-out-" + claims.get(3).messageId()));

    }

    @Test
    void aBatchThatFailsMidwayLeavesEveryMessageClaimedAndUnchangedAndEachCanBeRecordedAfterwards() {
        List<Claim> claims = queueAndClaim(3);
        // the middle outcome cannot be stored (a carrier id longer than relay_part.carrier_message_id allows)
        String tooLong = "x".repeat(200);
        List<Completion> batch = List.of(
                new Completion(claims.get(0), Outcome.sent(List.of(id()))),
                new Completion(claims.get(1), Outcome.sent(List.of(tooLong))),
                new Completion(claims.get(2), Outcome.sent(List.of(id()))));
        assertThrows(RuntimeException.class, () -> submits.completeAll(batch));

        for (Claim c : claims) {
            RelayMessage m = message(c);
            assertEquals(RelayMessage.State.SUBMITTING, m.state, "rolled back: still claimed " + c.messageId());
            assertEquals(c.token(), m.claimToken);
            assertEquals(0, inTx(() -> parts.ofMessage(c.messageId()).size()));
            assertEquals(0, outboxRows("sms.status", c.messageId()));
            assertEquals(0, cdrRows("sms-out-" + c.messageId()));
        }

        // what the writer does next: each on its own; the good ones are recorded, the bad one stays SUBMITTING
        // (the stale sweep settles it as UNKNOWN, never resent)
        submits.complete(claims.get(0), batch.get(0).outcome());
        assertThrows(RuntimeException.class, () -> submits.complete(claims.get(1), batch.get(1).outcome()));
        submits.complete(claims.get(2), batch.get(2).outcome());
        assertEquals(RelayMessage.State.SENT, state(claims.get(0)));
        assertEquals(RelayMessage.State.SUBMITTING, state(claims.get(1)));
        assertEquals(RelayMessage.State.SENT, state(claims.get(2)));
        assertEquals(1, cdrRows("sms-out-" + claims.get(0).messageId()));
        assertEquals(0, cdrRows("sms-out-" + claims.get(1).messageId()));
    }

    @Test
    void aBatchOfReceiptsAppliesTheKnownOnesKeepsTheUnknownAsOrphanAndIgnoresTheRepeat() {
        List<Claim> claims = queueAndClaim(3);
        List<String> ids = List.of(id(), id(), id());
        List<Completion> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            outcomes.add(new Completion(claims.get(i), Outcome.sent(List.of(ids.get(i)))));
        }
        submits.completeAll(outcomes);

        String unknown = id();
        List<Result> results = receipts.onReceipts(List.of(
                incoming(ids.get(0), "DELIVRD", "000"),
                incoming(unknown, "DELIVRD", "000"),
                incoming(ids.get(1), "UNDELIV", "001"),
                incoming(ids.get(0), "DELIVRD", "000"), // the SMSC sent it twice
                incoming(ids.get(2), "DELIVRD", "000")));

        assertEquals(List.of(Result.APPLIED, Result.ORPHAN, Result.APPLIED, Result.DUPLICATE, Result.APPLIED),
                results);
        assertEquals(RelayMessage.State.DELIVERED, state(claims.get(0)));
        assertEquals(RelayMessage.State.UNDELIVERED, state(claims.get(1)));
        assertEquals("001", message(claims.get(1)).errorCode);
        assertEquals(RelayMessage.State.DELIVERED, state(claims.get(2)));
        // SENT then the receipt's status: the repeat published nothing
        assertEquals(2, outboxRows("sms.status", claims.get(0).messageId()));
        assertEquals(1, openOrphans(unknown));

        // the whole batch delivered again (the SMSC resends when an answer was lost): nothing changes
        assertEquals(List.of(Result.DUPLICATE, Result.ORPHAN, Result.DUPLICATE),
                receipts.onReceipts(List.of(incoming(ids.get(0), "DELIVRD", "000"), incoming(unknown, "DELIVRD",
                        "000"), incoming(ids.get(1), "UNDELIV", "001"))));
        assertEquals(2, outboxRows("sms.status", claims.get(0).messageId()));
        assertEquals(2, outboxRows("sms.status", claims.get(1).messageId()));
    }

    @Test
    void aReceiptBatchThatFailsAppliesNothingAndTheSameReceiptsApplyWhenSentAgain() {
        List<Claim> claims = queueAndClaim(2);
        List<String> ids = List.of(id(), id());
        submits.completeAll(List.of(new Completion(claims.get(0), Outcome.sent(List.of(ids.get(0)))),
                new Completion(claims.get(1), Outcome.sent(List.of(ids.get(1))))));

        // the last receipt cannot be stored (its carrier name is longer than the orphan table's column): the
        // transaction fails at its end, after the first two were applied in it
        String unstorable = "c".repeat(100);
        List<Incoming> batch = List.of(incoming(ids.get(0), "DELIVRD", "000"), incoming(ids.get(1), "DELIVRD", "000"),
                new Incoming(unstorable, receipt(id(), "DELIVRD", "000")));
        assertThrows(RuntimeException.class, () -> receipts.onReceipts(batch));

        // nothing of it stayed: the deliver_sm were not acknowledged, so the SMSC sends them again
        assertEquals(RelayMessage.State.SENT, state(claims.get(0)));
        assertEquals(RelayMessage.State.SENT, state(claims.get(1)));
        assertEquals(1, outboxRows("sms.status", claims.get(0).messageId()));
        assertTrue(inTx(() -> parts.ofMessage(claims.get(0).messageId()).get(0).state == PartState.SENT));

        assertEquals(List.of(Result.APPLIED, Result.APPLIED), receipts.onReceipts(batch.subList(0, 2)));
        assertEquals(RelayMessage.State.DELIVERED, state(claims.get(0)));
        assertEquals(RelayMessage.State.DELIVERED, state(claims.get(1)));
    }

    @Test
    void orphansAreMatchedByTheOutcomeBatchThatRecordsTheirParts() {
        List<Claim> claims = queueAndClaim(3);
        List<String> ids = List.of(id(), id(), id());
        // receipts for the first two overtake their submit_sm_resp
        assertEquals(List.of(Result.ORPHAN, Result.ORPHAN), receipts.onReceipts(List.of(
                incoming(ids.get(0), "DELIVRD", "000"), incoming(ids.get(1), "EXPIRED", "000"))));

        List<Completion> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            outcomes.add(new Completion(claims.get(i), Outcome.sent(List.of(ids.get(i)))));
        }
        submits.completeAll(outcomes);

        assertEquals(RelayMessage.State.DELIVERED, state(claims.get(0)));
        assertEquals(RelayMessage.State.EXPIRED, state(claims.get(1)));
        assertEquals(RelayMessage.State.SENT, state(claims.get(2)));
        assertEquals(0, openOrphans(ids.get(0)));
        assertEquals(0, openOrphans(ids.get(1)));
        inTx(() -> {
            OrphanReceipt o = orphans.find("receiptId", ids.get(0)).firstResult();
            assertNotNull(o.resolvedAt);
            assertEquals(claims.get(0).messageId(), o.resolvedMessageId);
            return null;
        });
        // SENT then DELIVERED, each once
        assertEquals(2, outboxRows("sms.status", claims.get(0).messageId()));
        assertNull(message(claims.get(2)).claimToken);
    }

    @Test
    void aBatchOfEightReceiptsRunsNoMoreStatementsThanOneReceipt() {
        List<Claim> claims = queueAndClaim(9);
        List<String> ids = new ArrayList<>();
        List<Completion> outcomes = new ArrayList<>();
        for (Claim c : claims) {
            ids.add(id());
            outcomes.add(new Completion(c, Outcome.sent(List.of(ids.get(ids.size() - 1)))));
        }
        submits.completeAll(outcomes);

        List<String> forOne = StatementRecorder.record(
                () -> receipts.onReceipts(List.of(incoming(ids.get(0), "DELIVRD", "000"))));
        List<Incoming> eight = ids.subList(1, 9).stream().map(id -> incoming(id, "DELIVRD", "000")).toList();
        List<String> forEight = StatementRecorder.record(() -> assertEquals(
                java.util.Collections.nCopies(8, Result.APPLIED), receipts.onReceipts(eight)));

        // the lookups, the lock, the updates and the status events are per batch, not per receipt
        assertFalse(forOne.isEmpty(), "the recorder saw the batch's statements");
        assertEquals(forOne.size(), forEight.size(), "one receipt: " + forOne + "\neight: " + forEight);
        assertTrue(forEight.size() <= 6, "statements for a receipt batch: " + forEight);
        for (Claim c : claims) {
            assertEquals(RelayMessage.State.DELIVERED, state(c));
            assertEquals(2, outboxRows("sms.status", c.messageId()), "SENT then DELIVERED, once each");
        }
    }

    @Test
    void aBatchOfEightOutcomesRunsNoMoreStatementsThanOneOutcome() {
        List<Claim> claims = queueAndClaim(9);
        List<String> forOne = StatementRecorder.record(() -> submits.completeAll(
                List.of(new Completion(claims.get(0), Outcome.sent(List.of(id()))))));
        List<Completion> eight = claims.subList(1, 9).stream()
                .map(c -> new Completion(c, Outcome.sent(List.of(id())))).toList();
        List<String> forEight = StatementRecorder.record(() -> submits.completeAll(eight));

        assertFalse(forOne.isEmpty(), "the recorder saw the batch's statements");
        assertEquals(forOne.size(), forEight.size(), "one outcome: " + forOne + "\neight: " + forEight);
        for (Claim c : claims) {
            assertEquals(RelayMessage.State.SENT, state(c));
            assertEquals(1, outboxRows("sms.status", c.messageId()));
            assertEquals(1, cdrRows("sms-out-" + c.messageId()));
        }
    }

    @Test
    void messagesQueuedInOneTransactionAreInsertedTogetherAtCommitEachOnce() {
        List<Claim> earlier = queueAndClaim(1); // already claimed: queueing its id again must not touch it
        List<SmsAccepted> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(accepted(i));
        }
        SmsAccepted again = new SmsAccepted(earlier.get(0).messageId(), "tenant-a", "+61400000000", "+61412009999",
                "republished", SmsEncoding.GSM7, 1, "smpp:" + carrier, true, null, null, Instant.now());
        List<String> statements = StatementRecorder.record(() -> QuarkusTransaction.requiringNew().run(() -> {
            batch.forEach(sms -> submits.enqueueAtCommit(sms, carrier));
            submits.enqueueAtCommit(again, carrier);
            submits.enqueueAtCommit(batch.get(0), carrier); // the same message twice in one poll
        }));

        assertEquals(1, statements.stream().filter(sql -> sql.startsWith("INSERT INTO relay_message")).count(),
                "one multi-row insert: " + statements);
        for (SmsAccepted sms : batch) {
            assertEquals(RelayMessage.State.QUEUED, inTx(() -> messages.findById(sms.messageId())).state);
        }
        assertEquals(batch.get(2).validUntil(), inTx(() -> messages.findById(batch.get(2).messageId())).validUntil);
        RelayMessage kept = message(earlier.get(0));
        assertEquals(RelayMessage.State.SUBMITTING, kept.state, "a known id keeps its row");
        assertEquals(earlier.get(0).token(), kept.claimToken);
        assertEquals(batch.size(), inTx(() -> submits.claimBatch(carrier, 10)).size(), "each queued once");
    }

    /**
     * Two dispatchers (two instances of the relay) claiming the same carrier's queue: the second takes the next rows
     * at once instead of waiting for the first's claim to commit, and no message is claimed twice.
     */
    @Test
    void aClaimSkipsTheRowsAnOpenClaimHoldsInsteadOfWaitingForIt() throws Exception {
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SmsAccepted sms = accepted(i);
            inTx(() -> submits.enqueue(sms, carrier));
            queued.add(sms.messageId());
        }
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<List<String>> first = other.submit(() -> QuarkusTransaction.requiringNew()
                    .call(() -> {
                        List<String> ids = messages.claimBatch(carrier, "first-" + carrier, 3).stream()
                                .map(m -> m.messageId).toList();
                        held.countDown();
                        release.await(); // the claim stays open (its rows locked) until the second one is done
                        return ids;
                    }));
            assertTrue(held.await(10, java.util.concurrent.TimeUnit.SECONDS), "the first claim ran");
            java.util.concurrent.CompletableFuture<List<String>> second = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> submits.claimBatch(carrier, 10).stream().map(Claim::messageId).toList());
            // before SKIP LOCKED the second claim waited for the first's row locks (here: until release)
            List<String> secondIds = second.get(5, java.util.concurrent.TimeUnit.SECONDS);
            release.countDown();
            List<String> firstIds = first.get(10, java.util.concurrent.TimeUnit.SECONDS);

            assertEquals(3, firstIds.size());
            assertEquals(3, secondIds.size(), "the rows the first claim did not take: " + secondIds);
            List<String> all = new ArrayList<>(firstIds);
            all.addAll(secondIds);
            assertEquals(new java.util.HashSet<>(queued), new java.util.HashSet<>(all), "each message claimed once");
            for (String id : firstIds) {
                RelayMessage m = inTx(() -> messages.findById(id));
                assertEquals(RelayMessage.State.SUBMITTING, m.state);
                assertEquals("first-" + carrier, m.claimToken);
            }
        } finally {
            release.countDown();
            other.shutdownNow();
        }
    }

    @Test
    void aQueueInsertThatFailsAtCommitRollsBackTheWholeTransaction() {
        SmsAccepted good = accepted(0);
        String tooLong = "c".repeat(100); // longer than relay_message.carrier
        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            submits.enqueueAtCommit(good, carrier);
            submits.enqueueAtCommit(accepted(1), tooLong);
        }));
        assertNull(inTx(() -> messages.findById(good.messageId())), "nothing of the transaction was queued");
    }

    private SmsAccepted accepted(int i) {
        return new SmsAccepted(UUID.randomUUID().toString(), "tenant-a", "+61400000000", "+6141300" + (1000 + i),
                "at commit " + i, SmsEncoding.GSM7, 1, "smpp:" + carrier, true,
                Instant.parse("2031-01-02T03:04:05Z"), null, Instant.now()); // whole seconds: see CONVENTIONS
    }

    // --- helpers ---

    private List<Claim> queueAndClaim(int n) {
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SmsAccepted sms = new SmsAccepted(UUID.randomUUID().toString(), "tenant-a", "+61400000000",
                    "+6141200" + (1000 + i), "batched " + i, SmsEncoding.GSM7, 1, "smpp:" + carrier, true,
                    Instant.now().plus(Duration.ofHours(1)), null, Instant.now());
            inTx(() -> submits.enqueue(sms, carrier));
            queued.add(sms.messageId());
        }
        List<Claim> claims = new ArrayList<>();
        while (claims.size() < n) {
            List<Claim> got = submits.claimBatch(carrier, n);
            assertTrue(!got.isEmpty(), "nothing left to claim");
            claims.addAll(got);
        }
        claims.sort(java.util.Comparator.comparing(c -> queued.indexOf(c.messageId())));
        assertEquals(queued, claims.stream().map(Claim::messageId).toList());
        return claims;
    }

    private static String id() {
        return Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 10).toUpperCase();
    }

    private static DeliveryReceipt receipt(String carrierId, String stat, String err) {
        return ReceiptParser.parseText("id:" + carrierId + " sub:001 dlvrd:001 submit date:2401010000 "
                + "done date:2401010000 stat:" + stat + " err:" + err + " text:batched", null, null);
    }

    private Incoming incoming(String carrierId, String stat, String err) {
        return new Incoming(carrier, receipt(carrierId, stat, err));
    }

    private RelayMessage message(Claim c) {
        return inTx(() -> messages.findById(c.messageId()));
    }

    private RelayMessage.State state(Claim c) {
        return message(c).state;
    }

    private int outboxRows(String topic, String key) {
        return inTx(() -> ((Number) messages.getEntityManager()
                .createNativeQuery("SELECT COUNT(*) FROM outbox_event WHERE topic = ?1 AND record_key = ?2")
                .setParameter(1, topic).setParameter(2, key).getSingleResult()).intValue());
    }

    private int cdrRows(String cdrId) {
        return inTx(() -> ((Number) messages.getEntityManager()
                .createNativeQuery("SELECT COUNT(*) FROM outbox_event WHERE topic = 'cdr.events' AND payload LIKE ?1")
                .setParameter(1, "%\"" + cdrId + "\"%").getSingleResult()).intValue());
    }

    private int openOrphans(String receiptId) {
        return inTx(() -> (int) orphans.count("receiptId = ?1 and resolvedAt is null", receiptId));
    }

    private static <T> T inTx(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }
}
