package io.trunkline.relay.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The single-writer group commit in isolation: a fake "database" that records what each transaction committed. */
class BatchWriterTest {

    /** Commits: each inner list is one transaction's items; a failing transaction commits nothing. */
    private final List<List<Integer>> committed = new CopyOnWriteArrayList<>();

    private List<String> commitBatch(List<Integer> items) {
        if (items.contains(13)) {
            throw new IllegalStateException("poisoned batch"); // the transaction rolls back: nothing of it stays
        }
        committed.add(List.copyOf(items));
        return items.stream().map(i -> "ok" + i).toList();
    }

    private String commitOne(Integer item) {
        if (item == 13) {
            throw new IllegalStateException("item 13 cannot be written");
        }
        committed.add(List.of(item));
        return "ok" + item;
    }

    @Test
    void concurrentWritersShareTransactionsAndEachReturnsOnlyAfterItsCommit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BatchWriter<Integer, String> writer = new BatchWriter<>("test-writer", 50, Duration.ofMillis(20), items -> {
            await(release); // the first transaction is slow: the others queue up behind it
            return commitBatch(items);
        }, this::commitOne);
        ExecutorService callers = Executors.newFixedThreadPool(40);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int item = 100 + i;
                results.add(callers.submit(() -> {
                    String r = writer.write(item);
                    assertTrue(committedItems().contains(item), "returned before its commit: " + item);
                    return r;
                }));
            }
            Thread.sleep(200);
            assertTrue(results.stream().noneMatch(Future::isDone), "nobody returns before the commit");
            release.countDown();
            for (int i = 0; i < 40; i++) {
                assertEquals("ok" + (100 + i), results.get(i).get(10, TimeUnit.SECONDS));
            }
            assertEquals(40, committedItems().size());
            assertTrue(committed.size() < 40, "several per transaction: " + committed);
        } finally {
            callers.shutdownNow();
            writer.stop();
        }
    }

    @Test
    void aFailedBatchCommitsNothingAndIsWrittenAgainItemByItemSoOnlyTheBadItemFails() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BatchWriter<Integer, String> writer = new BatchWriter<>("test-writer", 50, Duration.ofMillis(50), items -> {
            await(release);
            return commitBatch(items);
        }, this::commitOne);
        ExecutorService callers = Executors.newFixedThreadPool(10);
        try {
            var outcomes = new ConcurrentHashMap<Integer, Object>();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 10; i < 20; i++) {
                int item = i;
                done.add(callers.submit(() -> {
                    try {
                        outcomes.put(item, writer.write(item));
                    } catch (IllegalStateException e) {
                        outcomes.put(item, e);
                    }
                }));
            }
            Thread.sleep(100);
            release.countDown();
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
            for (int i = 10; i < 20; i++) {
                if (i == 13) {
                    assertTrue(outcomes.get(i) instanceof IllegalStateException, "the bad item's caller is told");
                } else {
                    assertEquals("ok" + i, outcomes.get(i));
                }
            }
            List<Integer> all = committedItems();
            assertEquals(9, all.size(), "every good item once, the bad one never: " + committed);
            assertEquals(9, all.stream().distinct().count());
            assertTrue(!all.contains(13));
        } finally {
            callers.shutdownNow();
            writer.stop();
        }
    }

    @Test
    void afterStopItemsAreWrittenInTheCallersThread() {
        BatchWriter<Integer, String> writer = new BatchWriter<>("test-writer", 10, Duration.ZERO, this::commitBatch,
                this::commitOne);
        assertEquals("ok1", writer.write(1));
        writer.stop();
        assertEquals("ok2", writer.write(2));
        assertThrows(IllegalStateException.class, () -> writer.write(13));
        assertEquals(List.of(1, 2), committedItems());
    }

    private List<Integer> committedItems() {
        List<Integer> all = new ArrayList<>();
        committed.forEach(all::addAll);
        Collections.sort(all);
        return all;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
