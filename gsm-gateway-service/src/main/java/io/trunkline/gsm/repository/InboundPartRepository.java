package io.trunkline.gsm.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.gsm.InboundPart;

@ApplicationScoped
public class InboundPartRepository implements PanacheRepositoryBase<InboundPart, String> {

    public boolean seen(String fingerprint) {
        return count("fingerprint", fingerprint) > 0;
    }

    /** The parts of one concatenated message still waiting, locked so two readers cannot publish it twice. */
    @SuppressWarnings("unchecked")
    public List<InboundPart> waitingLocked(String concatKey) {
        List<String> ids = getEntityManager().createNativeQuery(
                "SELECT id FROM gsm_inbound_part WHERE concat_key = ?1 AND state = 'WAITING' FOR UPDATE")
                .setParameter(1, concatKey).getResultList();
        return ids.isEmpty() ? List.of() : list("id in ?1 order by partNo", ids);
    }
}
