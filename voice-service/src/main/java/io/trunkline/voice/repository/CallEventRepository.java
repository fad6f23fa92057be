package io.trunkline.voice.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.voice.CallEvent;

@ApplicationScoped
public class CallEventRepository implements PanacheRepositoryBase<CallEvent, Long> {
}
