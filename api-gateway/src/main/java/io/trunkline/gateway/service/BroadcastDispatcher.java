package io.trunkline.gateway.service;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.trunkline.gateway.Broadcast;
import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.SmsMessage;
import io.trunkline.gateway.Tenant;
import io.trunkline.gateway.TenantPrincipal;
import io.trunkline.gateway.UtcMillis;
import io.trunkline.gateway.config.BroadcastConfig;
import io.trunkline.gateway.repository.BroadcastRepository;
import io.trunkline.gateway.repository.TenantRepository;
import io.trunkline.gateway.rest.BroadcastErrorView;
import io.trunkline.gateway.rest.SendMessageRequest;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/**
 * Sends due broadcasts in paced batches. Each tick serves up to {@code broadcasts-per-tick} due broadcasts, oldest
 * first, one batch of {@code batch-size} recipients each, so a large broadcast neither starves the others nor floods
 * the database and the outbox ahead of single sends.
 * <p>
 * A batch: routes are decided outside any transaction (routing may ask billing); then one transaction claims the rows
 * still pending ({@code SELECT ... FOR UPDATE SKIP LOCKED}, so a second gateway instance takes other rows), stores
 * each message with its {@code SmsAccepted} through {@link MessageService#store} and writes its id on the recipient
 * row. A crash before commit leaves the rows pending and nothing published; after commit they are dispatched: every
 * recipient gets exactly one message and one event.
 */
@ApplicationScoped
public class BroadcastDispatcher {
    private static final Logger LOG = Logger.getLogger(BroadcastDispatcher.class);
    static final String PENDING = "pending";
    static final String DISPATCHED = "dispatched";
    static final String REJECTED = "rejected";
    static final String OPTED_OUT = "opted_out";

    private final BroadcastRepository broadcasts;
    private final TenantRepository tenants;
    private final MessageService messages;
    private final RoutingService routing;
    private final BroadcastService service;
    private final BroadcastConfig config;
    private final EntityManager em;
    private final MeterRegistry registry;

    public BroadcastDispatcher(BroadcastRepository broadcasts, TenantRepository tenants, MessageService messages,
            RoutingService routing, BroadcastService service, BroadcastConfig config, EntityManager em,
            MeterRegistry registry) {
        this.broadcasts = broadcasts;
        this.tenants = tenants;
        this.messages = messages;
        this.routing = routing;
        this.service = service;
        this.config = config;
        this.em = em;
        this.registry = registry;
    }

    @Scheduled(identity = "broadcast-dispatcher", every = "${trunkline.gateway.broadcasts.interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        List<String> due = due();
        for (String id : due) {
            try {
                dispatchBatch(id);
            } catch (RuntimeException e) {
                // the batch rolled back: its rows are still pending and the next tick tries again
                registry.counter("trunkline.gateway.broadcasts.batch-failures").increment();
                LOG.warnf(e, "broadcast %s: batch failed; retrying next tick", id);
            }
        }
    }

    /** Due broadcasts, oldest first: queued or sending, and their send_at (if any) reached. */
    @SuppressWarnings("unchecked")
    List<String> due() {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("SELECT id FROM broadcast "
                + "WHERE status IN ('queued', 'sending') AND (send_at IS NULL OR send_at <= ?1) "
                + "ORDER BY created_at, id LIMIT ?2")
                .setParameter(1, UtcMillis.format(Clocks.now())).setParameter(2, config.broadcastsPerTick())
                .getResultList());
    }

    /** One batch of the broadcast; answers how many messages it created. */
    @SuppressWarnings("unchecked")
    public int dispatchBatch(String broadcastId) {
        record Start(Broadcast b, TenantPrincipal tenant, boolean suspended, List<Object[]> pending) {
        }
        Start s = QuarkusTransaction.requiringNew().call(() -> {
            Broadcast b = broadcasts.findById(broadcastId);
            if (b == null) {
                return null;
            }
            em.detach(b);
            Tenant t = tenants.findById(b.tenantId);
            TenantPrincipal p = TenantPrincipal.of(t, null);
            List<Object[]> rows = em.createNativeQuery("SELECT row_no, number FROM broadcast_recipient "
                    + "WHERE broadcast_id = ?1 AND state = 'pending' ORDER BY row_no LIMIT ?2")
                    .setParameter(1, broadcastId).setParameter(2, config.batchSize()).getResultList();
            return new Start(b, p, t.status == Tenant.Status.SUSPENDED, rows);
        });
        if (s == null || !(Broadcast.QUEUED.equals(s.b().status) || Broadcast.SENDING.equals(s.b().status))) {
            return 0;
        }
        if (s.pending().isEmpty()) {
            complete(broadcastId);
            return 0;
        }
        String hold = s.suspended() ? "the account is suspended by the operator" : null;
        if (hold == null) {
            try {
                messages.admit(s.tenant());
            } catch (ProblemException e) {
                hold = e.problem().detail();
            }
        }
        if (hold != null) {
            hold(s.b(), hold);
            return 0;
        }
        Map<Integer, String> routes = new HashMap<>();
        for (Object[] r : s.pending()) {
            routes.put(((Number) r[0]).intValue(), routing.decide(s.tenant().tenantId(), (String) r[1]).route());
        }
        int created = QuarkusTransaction.requiringNew().call(() -> claimAndStore(s.b(), s.tenant(), routes));
        registry.counter("trunkline.gateway.broadcasts.dispatched").increment(created);
        return created;
    }

    @SuppressWarnings("unchecked")
    private int claimAndStore(Broadcast b, TenantPrincipal tenant, Map<Integer, String> routes) {
        // the batch's own queries need no flush of the messages stored so far: one flush at commit
        em.unwrap(Session.class).setHibernateFlushMode(FlushMode.COMMIT);
        List<Object[]> claimed = em.createNativeQuery("SELECT row_no, number, body FROM broadcast_recipient "
                + "WHERE broadcast_id = ?1 AND row_no IN (?2) AND state = 'pending' ORDER BY row_no "
                + "FOR UPDATE SKIP LOCKED")
                .setParameter(1, b.id).setParameter(2, new ArrayList<>(routes.keySet())).getResultList();
        int created = 0;
        List<BroadcastErrorView> refused = new ArrayList<>();
        List<Object[]> outcomes = new ArrayList<>(claimed.size());
        for (Object[] r : claimed) {
            int row = ((Number) r[0]).intValue();
            String number = (String) r[1];
            String text = r[2] == null ? b.body : (String) r[2];
            SendMessageRequest request = new SendMessageRequest(number, b.sender, text, b.reference,
                    b.statusCallback, null);
            MessageService.Validated v;
            try {
                v = messages.validate(tenant, request);
            } catch (ProblemException e) {
                // e.g. the number opted out after the broadcast was accepted: the row is reported, never sent
                boolean optedOut = e.problem().errors() != null && e.problem().errors().stream()
                        .anyMatch(f -> f.field().equals("to") && f.message().startsWith("opted out"));
                outcomes.add(new Object[] { row, optedOut ? OPTED_OUT : REJECTED, null });
                refused.add(new BroadcastErrorView(row, number, optedOut ? "opted_out" : "rejected",
                        reasons(e.problem())));
                continue;
            }
            SmsMessage m = messages.store(tenant, request, v, routes.get(row));
            outcomes.add(new Object[] { row, DISPATCHED, m.id });
            created++;
        }
        states(b.id, outcomes);
        service.insertErrors(b.id, refused);
        if (!claimed.isEmpty()) {
            em.createNativeQuery("UPDATE broadcast SET status = 'sending', hold_reason = NULL, updated_at = ?2 "
                    + "WHERE id = ?1 AND status IN ('queued', 'sending')").setParameter(1, b.id)
                    .setParameter(2, UtcMillis.format(Clocks.now())).executeUpdate();
        }
        return created;
    }

    /** Each claimed row's state and message id in one statement (the rows exist and are locked by this batch). */
    private void states(String broadcastId, List<Object[]> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(c -> {
            StringBuilder sql = new StringBuilder("INSERT INTO broadcast_recipient (broadcast_id, row_no, number, "
                    + "state, message_id) VALUES ");
            sql.append("(?, ?, '', ?, ?),".repeat(outcomes.size()));
            sql.setLength(sql.length() - 1);
            sql.append(" ON DUPLICATE KEY UPDATE state = VALUES(state), message_id = VALUES(message_id)");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (Object[] o : outcomes) {
                    ps.setString(p++, broadcastId);
                    ps.setInt(p++, (Integer) o[0]);
                    ps.setString(p++, (String) o[1]);
                    ps.setString(p++, (String) o[2]);
                }
                ps.executeUpdate();
            }
        });
    }

    private static String reasons(Problem p) {
        String why = p.errors() == null || p.errors().isEmpty() ? p.detail()
                : String.join("; ", p.errors().stream().map(f -> f.field() + ": " + f.message()).toList());
        return why.length() > 512 ? why.substring(0, 512) : why;
    }

    /** Completed once no recipient is pending (a cancel that came first wins). */
    void complete(String broadcastId) {
        QuarkusTransaction.requiringNew().run(() -> {
            String now = UtcMillis.format(Clocks.now());
            int done = em.createNativeQuery("UPDATE broadcast SET status = 'completed', completed_at = ?2, "
                    + "updated_at = ?2, hold_reason = NULL WHERE id = ?1 AND status IN ('queued', 'sending') "
                    + "AND NOT EXISTS (SELECT 1 FROM broadcast_recipient WHERE broadcast_id = ?1 AND state = 'pending')")
                    .setParameter(1, broadcastId).setParameter(2, now).executeUpdate();
            if (done > 0) {
                LOG.infof("broadcast %s completed", broadcastId);
            }
        });
    }

    private void hold(Broadcast b, String reason) {
        if (reason.equals(b.holdReason)) {
            return;
        }
        LOG.infof("broadcast %s held: %s", b.id, reason);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE broadcast SET hold_reason = ?2, "
                + "updated_at = ?3 WHERE id = ?1 AND status IN ('queued', 'sending')").setParameter(1, b.id)
                .setParameter(2, reason.length() > 255 ? reason.substring(0, 255) : reason)
                .setParameter(3, UtcMillis.format(Clocks.now())).executeUpdate());
    }
}
