package io.trunkline.gateway.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.trunkline.gateway.WebhookAttempt;

@ApplicationScoped
public class WebhookAttemptRepository implements PanacheRepositoryBase<WebhookAttempt, Long> {

    /** The delivery's tries, first first. */
    public List<WebhookAttempt> forDelivery(String deliveryId) {
        return list("deliveryId", Sort.ascending("attempt", "id"), deliveryId);
    }
}
