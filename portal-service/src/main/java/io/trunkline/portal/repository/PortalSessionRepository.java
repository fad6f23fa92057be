package io.trunkline.portal.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.portal.PortalSession;

@ApplicationScoped
public class PortalSessionRepository implements PanacheRepositoryBase<PortalSession, String> {
}
