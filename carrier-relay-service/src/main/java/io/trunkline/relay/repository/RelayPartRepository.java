package io.trunkline.relay.repository;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.relay.RelayPart;

@ApplicationScoped
public class RelayPartRepository implements PanacheRepositoryBase<RelayPart, String> {

    /** The part one of the candidate ids names: the earliest candidate that matches, then the newest part. */
    public Optional<RelayPart> findByCandidates(String carrier, List<String> candidates) {
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        List<RelayPart> found = list("carrier = ?1 and normId in ?2", carrier, candidates);
        return found.stream()
                .min(Comparator.<RelayPart>comparingInt(p -> candidates.indexOf(p.normId))
                        .thenComparing(p -> p.submittedAt, Comparator.reverseOrder()));
    }

    /** Where a part is, without loading it into the persistence context (it is loaded after its message's lock). */
    public record Ref(String id, String normId, String messageId, java.time.Instant submittedAt) {
    }

    /**
     * The carrier's parts whose normalised id is one of {@code normIds}: one query for a whole batch of receipts
     * ({@code WHERE carrier = ? AND norm_id IN (...)}, on the lookup index). Plain values, not managed entities, so
     * that the parts read after the messages are locked are the committed ones.
     */
    @SuppressWarnings("unchecked")
    public List<Ref> refsByNormIds(String carrier, java.util.Collection<String> normIds) {
        if (normIds.isEmpty()) {
            return List.of();
        }
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                SELECT id, norm_id, message_id, submitted_at FROM relay_part WHERE carrier = ?1 AND norm_id IN (?2)""")
                .setParameter(1, carrier)
                .setParameter(2, normIds)
                .getResultList();
        return rows.stream().map(r -> new Ref((String) r[0], (String) r[1], (String) r[2], instant(r[3]))).toList();
    }

    private static java.time.Instant instant(Object o) {
        if (o instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.LocalDateTime l) {
            return java.sql.Timestamp.valueOf(l).toInstant();
        }
        if (o instanceof java.time.Instant i) {
            return i;
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return java.time.Instant.EPOCH;
    }

    /**
     * The parts of these messages, by message then part number. Native SQL: an HQL query with a list parameter is
     * translated again for every list size (Hibernate cannot cache its SQL), which cost more than the query itself.
     */
    @SuppressWarnings("unchecked")
    public List<RelayPart> ofMessages(java.util.Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createNativeQuery("""
                SELECT * FROM relay_part WHERE message_id IN (?1) ORDER BY message_id, part_no""", RelayPart.class)
                .setParameter(1, messageIds)
                .getResultList();
    }

    public List<RelayPart> ofMessage(String messageId) {
        return list("messageId = ?1 order by partNo", messageId);
    }
}
