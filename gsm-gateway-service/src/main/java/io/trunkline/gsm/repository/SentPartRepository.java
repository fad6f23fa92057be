package io.trunkline.gsm.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.gsm.SentPart;

@ApplicationScoped
public class SentPartRepository implements PanacheRepositoryBase<SentPart, String> {

    /** The newest part this port sent with this message reference that has no final report yet. */
    public Optional<SentPart> awaitingReport(String port, int mr) {
        return find("port = ?1 and mr = ?2 and status = ?3 order by sentAt desc", port, mr, SentPart.SENT)
                .firstResultOptional();
    }

    public List<SentPart> ofMessage(String messageId) {
        return list("messageId = ?1 order by partNo", messageId);
    }
}
