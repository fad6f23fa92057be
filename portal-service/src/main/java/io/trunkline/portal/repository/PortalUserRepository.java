package io.trunkline.portal.repository;

import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.portal.PortalUser;

@ApplicationScoped
public class PortalUserRepository implements PanacheRepositoryBase<PortalUser, String> {

    public Optional<PortalUser> findByEmail(String email) {
        return find("email", email.trim().toLowerCase(Locale.ROOT)).firstResultOptional();
    }
}
