package io.trunkline.relay.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Parts of concatenated MO messages being reassembled (tables relay_mo_group, relay_mo_part). */
@ApplicationScoped
public class MoPartRepository {
    private final EntityManager em;

    public MoPartRepository(EntityManager em) {
        this.em = em;
    }

    /** Creates the group if new and locks its row: the parts of one group are handled one at a time. */
    public void lockGroup(String key, String carrier, String from, String to, int total) {
        em.createNativeQuery("""
                INSERT INTO relay_mo_group (group_key, carrier, source_addr, dest_addr, total)
                VALUES (?1, ?2, ?3, ?4, ?5) ON DUPLICATE KEY UPDATE group_key = group_key""")
                .setParameter(1, key).setParameter(2, carrier).setParameter(3, from).setParameter(4, to)
                .setParameter(5, total).executeUpdate();
        em.createNativeQuery("SELECT group_key FROM relay_mo_group WHERE group_key = ?1 FOR UPDATE")
                .setParameter(1, key).getResultList();
    }

    /** Stores a part; false if this sequence number was stored already (a repeated deliver_sm). */
    public boolean insertPart(String key, int seq, String body, String encoding) {
        return em.createNativeQuery("""
                INSERT INTO relay_mo_part (group_key, seq, body, encoding) VALUES (?1, ?2, ?3, ?4)
                ON DUPLICATE KEY UPDATE seq = seq""")
                .setParameter(1, key).setParameter(2, seq).setParameter(3, body).setParameter(4, encoding)
                .executeUpdate() == 1;
    }

    /** The stored parts as {seq, body, encoding}, in order. */
    @SuppressWarnings("unchecked")
    public List<Object[]> parts(String key) {
        return em.createNativeQuery("SELECT seq, body, encoding FROM relay_mo_part WHERE group_key = ?1 ORDER BY seq")
                .setParameter(1, key).getResultList();
    }

    public void deleteGroup(String key) {
        em.createNativeQuery("DELETE FROM relay_mo_part WHERE group_key = ?1").setParameter(1, key).executeUpdate();
        em.createNativeQuery("DELETE FROM relay_mo_group WHERE group_key = ?1").setParameter(1, key).executeUpdate();
    }

    /** Groups older than {@code seconds} that never completed. */
    @SuppressWarnings("unchecked")
    public List<String> stale(long seconds) {
        return em.createNativeQuery("""
                SELECT group_key FROM relay_mo_group WHERE first_at < CURRENT_TIMESTAMP(3) - INTERVAL ?1 SECOND""")
                .setParameter(1, seconds).getResultList();
    }
}
