package io.trunkline.voice.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.voice.StatusCallback;

@ApplicationScoped
public class StatusCallbackRepository implements PanacheRepositoryBase<StatusCallback, Long> {
}
