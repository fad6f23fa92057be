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

    public List<RelayPart> ofMessage(String messageId) {
        return list("messageId = ?1 order by partNo", messageId);
    }
}
