package io.trunkline.gateway.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.DistributionSummary;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsStatus;
import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.MessageStatusEntry;
import io.trunkline.gateway.SmsMessage;
import io.trunkline.gateway.TenantPrincipal;
import io.trunkline.gateway.config.AcceptConfig;
import io.trunkline.gateway.repository.MessageRepository;
import io.trunkline.gateway.repository.MessageStatusRepository;
import io.trunkline.gateway.rest.SendMessageRequest;
import io.trunkline.platform.outbox.Outbox;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/**
 * Group commit for single sends: a request that passed validation, admission and routing waits here until a writer
 * thread has stored its message, first history step and {@link SmsAccepted} (outbox) in a transaction with whatever
 * else queued up meanwhile, then gets its 202. Durability is unchanged (nothing is answered before its commit); what
 * changes is that a busy gateway pays one commit, one fsync and three multi-row INSERTs for up to
 * {@link AcceptConfig#maxBatch()} messages instead of for each. An idle gateway writes each message at once (no
 * waiting for a batch to fill).
 *
 * <p>The opt-out check of these sends is made here, for the whole batch in one query per tenant. A batch that fails
 * is written again one message per transaction, so one bad message cannot refuse the others.
 */
@ApplicationScoped
public class MessageWriter {
    private static final Logger LOG = Logger.getLogger(MessageWriter.class);
    static final String OPTED_OUT = "opted out of this account's messages (STOP); it can opt back in by sending JOIN";

    private final MessageRepository messages;
    private final MessageStatusRepository history;
    private final OptOutService optOuts;
    private final Outbox outbox;
    private final MeterRegistry registry;
    private final AcceptConfig config;
    private final BlockingQueue<Pending> queue;
    private final AtomicBoolean running = new AtomicBoolean();
    private final DistributionSummary batchSizes;
    private final List<Thread> writers = new ArrayList<>();

    public MessageWriter(MessageRepository messages, MessageStatusRepository history, OptOutService optOuts,
            Outbox outbox, MeterRegistry registry, AcceptConfig config) {
        this.messages = messages;
        this.history = history;
        this.optOuts = optOuts;
        this.outbox = outbox;
        this.registry = registry;
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.batchSizes = DistributionSummary.builder("trunkline.gateway.accept.batch")
                .description("messages stored per writer transaction").register(registry);
        registry.gaugeCollectionSize("trunkline.gateway.accept.queued", List.of(), queue);
    }

    /**
     * One send waiting to be stored. {@code context} is the request's Vert.x context (null outside a request): the
     * answer is completed there, so that writing the response (and anything the caller chained to it, which may need
     * the request scope) runs on the request's own thread, not on the writer's.
     */
    record Pending(TenantPrincipal tenant, SendMessageRequest request, MessageService.Validated validated,
            String route, CompletableFuture<SmsMessage> done, Context context) {

        void succeed(SmsMessage m) {
            if (context == null) {
                done.complete(m);
            } else {
                context.runOnContext(x -> done.complete(m));
            }
        }

        void fail(Throwable t) {
            if (context == null) {
                done.completeExceptionally(t);
            } else {
                context.runOnContext(x -> done.completeExceptionally(t));
            }
        }
    }

    void start(@Observes StartupEvent event) {
        running.set(true);
        for (int i = 0; i < config.writerThreads(); i++) {
            Thread t = new Thread(this::loop, "message-writer-" + i);
            t.setDaemon(true);
            t.start();
            writers.add(t);
        }
    }

    /** Stops taking sends and writes what is queued before the application stops. */
    void stop(@Observes ShutdownEvent event) {
        running.set(false);
        for (Thread t : writers) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.fail(unavailable("the gateway is shutting down")));
    }

    /**
     * Queues a validated, admitted and routed send for storage; the stage completes with the stored message once it
     * is committed, or fails with a {@link ProblemException} (400 opted out, 503 full or unavailable).
     */
    public CompletionStage<SmsMessage> submit(TenantPrincipal tenant, SendMessageRequest request,
            MessageService.Validated v, String route) {
        CompletableFuture<SmsMessage> done = new CompletableFuture<>();
        if (!running.get()) {
            done.completeExceptionally(unavailable("the gateway is not accepting messages now"));
            return done;
        }
        if (!queue.offer(new Pending(tenant, request, v, route, done, Vertx.currentContext()))) {
            registry.counter("trunkline.gateway.messages.rejected", "reason", "overloaded").increment();
            done.completeExceptionally(unavailable("more messages are waiting to be stored than the gateway queues ("
                    + config.queueCapacity() + ")"));
        }
        return done;
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(config.maxBatch());
        while (running.get() || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, config.maxBatch() - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "message writer: unexpected failure");
                batch.forEach(p -> p.fail(e));
            } finally {
                batch.clear();
            }
        }
    }

    /** Stores the batch in one transaction; if that fails, each message in its own. */
    void write(List<Pending> batch) {
        try {
            Map<Pending, SmsMessage> stored = QuarkusTransaction.requiringNew().call(() -> store(batch));
            batchSizes.record(stored.size());
            complete(batch, stored);
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                Pending p = batch.get(0);
                LOG.warnf("message of tenant %s to %s not stored: %s", p.tenant().tenantId(), p.validated().to(),
                        e.toString());
                p.fail(e instanceof ProblemException ? e
                        : unavailable("the message could not be stored; nothing was accepted, try again"));
                return;
            }
            LOG.warnf("a batch of %d messages failed (%s); storing them one by one", batch.size(), e.toString());
            for (Pending p : batch) {
                write(List.of(p));
            }
        }
    }

    /**
     * In the caller's transaction: the batch's opt-outs in one query per tenant, then the rest inserted. Returns the
     * stored message of each send that was not refused.
     */
    private Map<Pending, SmsMessage> store(List<Pending> batch) {
        Set<Pending> refused = optedOut(batch);
        Instant now = Clocks.now();
        // by identity: a Pending is a record, and two identical sends are still two messages
        Map<Pending, SmsMessage> stored = new IdentityHashMap<>();
        List<SmsMessage> rows = new ArrayList<>(batch.size());
        List<MessageStatusEntry> steps = new ArrayList<>(batch.size());
        List<SmsAccepted> events = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            if (refused.contains(p)) {
                continue;
            }
            SmsMessage m = MessageService.newMessage(p.tenant(), p.request(), p.validated(), p.route(), now);
            rows.add(m);
            steps.add(MessageService.newStep(m, SmsStatus.QUEUED, now, null));
            events.add(MessageService.accepted(m));
            stored.put(p, m);
        }
        if (!rows.isEmpty()) {
            messages.insertAll(rows);
            history.insertAll(steps);
            outbox.publishAll(events);
        }
        return stored;
    }

    private Set<Pending> optedOut(List<Pending> batch) {
        Map<String, List<Pending>> byTenant = new HashMap<>();
        for (Pending p : batch) {
            byTenant.computeIfAbsent(p.tenant().tenantId(), k -> new ArrayList<>()).add(p);
        }
        Set<Pending> refused = Collections.newSetFromMap(new IdentityHashMap<>());
        byTenant.forEach((tenantId, sends) -> {
            Set<String> out = optOuts.optedOut(tenantId, sends.stream().map(p -> p.validated().to()).toList());
            if (!out.isEmpty()) {
                sends.stream().filter(p -> out.contains(p.validated().to())).forEach(refused::add);
            }
        });
        return refused;
    }

    private void complete(List<Pending> batch, Map<Pending, SmsMessage> stored) {
        for (Pending p : batch) {
            SmsMessage m = stored.get(p);
            if (m == null) {
                registry.counter("trunkline.gateway.messages.rejected", "reason", "invalid").increment();
                p.fail(new ProblemException(Problem.invalid("to", OPTED_OUT)));
                continue;
            }
            registry.counter("trunkline.gateway.messages.accepted", "encoding", m.encoding.name()).increment();
            registry.counter("trunkline.gateway.segments.accepted").increment(m.segments);
            p.succeed(m);
        }
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(Problem.of(503, "unavailable", "Service unavailable", detail), 1L);
    }
}
