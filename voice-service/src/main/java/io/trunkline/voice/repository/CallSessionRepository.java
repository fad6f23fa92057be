package io.trunkline.voice.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.voice.CallSession;

@ApplicationScoped
public class CallSessionRepository implements PanacheRepositoryBase<CallSession, String> {
}
