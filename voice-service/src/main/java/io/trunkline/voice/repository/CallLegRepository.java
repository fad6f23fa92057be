package io.trunkline.voice.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.voice.CallLeg;

@ApplicationScoped
public class CallLegRepository implements PanacheRepositoryBase<CallLeg, String> {
}
