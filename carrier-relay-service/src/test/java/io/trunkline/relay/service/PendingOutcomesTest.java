package io.trunkline.relay.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.trunkline.relay.smpp.MessageIds;

/** A receipt for a part whose outcome is not committed yet waits for that commit, and only for a bounded time. */
class PendingOutcomesTest {

    @Test
    void aReceiptForAnAnsweredButUncommittedPartWaitsUntilTheOutcomeIsWritten() throws Exception {
        PendingOutcomes pending = new PendingOutcomes();
        List<String> ids = List.of("0000ABC1", "abc2");
        CompletableFuture<Void> handle = pending.register(ids);
        CompletableFuture<Void> receipt = CompletableFuture.runAsync(
                () -> pending.awaitRecorded(MessageIds.candidates(List.of("abc1")), Duration.ofSeconds(10)));
        Thread.sleep(200);
        assertFalse(receipt.isDone(), "waits while the outcome is not committed");
        pending.done(ids, handle);
        receipt.get(5, TimeUnit.SECONDS);
        assertEquals(0, pending.size());
    }

    @Test
    void aReceiptForAnUnknownIdGoesOnAndAWaitForAnOutcomeThatNeverCommitsEnds() throws Exception {
        PendingOutcomes pending = new PendingOutcomes();
        pending.register(List.of("77")); // not done in this test: the wait must still end
        CompletableFuture.runAsync(() -> pending.awaitRecorded(MessageIds.candidates(List.of("78")),
                Duration.ofHours(1))).get(5, TimeUnit.SECONDS);
        CompletableFuture.runAsync(() -> pending.awaitRecorded(MessageIds.candidates(List.of("77")),
                Duration.ofMillis(100))).get(5, TimeUnit.SECONDS);
    }
}
