package io.trunkline.gateway.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.trunkline.gateway.InboundNumber;

@ApplicationScoped
public class InboundNumberRepository implements PanacheRepositoryBase<InboundNumber, String> {

    public Optional<InboundNumber> findByNumber(String number) {
        return find("number", number).firstResultOptional();
    }

    public List<InboundNumber> all() {
        return listAll(Sort.ascending("createdAt", "id"));
    }
}
