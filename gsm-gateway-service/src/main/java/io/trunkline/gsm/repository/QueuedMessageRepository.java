package io.trunkline.gsm.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.gsm.QueuedMessage;

@ApplicationScoped
public class QueuedMessageRepository implements PanacheRepositoryBase<QueuedMessage, String> {
}
