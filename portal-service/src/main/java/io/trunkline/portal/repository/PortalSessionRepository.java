package io.trunkline.portal.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.portal.PortalSession;

@ApplicationScoped
public class PortalSessionRepository implements PanacheRepositoryBase<PortalSession, String> {

    public Optional<PortalSession> findByTokenHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResultOptional();
    }
}
