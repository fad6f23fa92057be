package io.trunkline.gateway.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.gateway.AppReply;

@ApplicationScoped
public class AppReplyRepository implements PanacheRepositoryBase<AppReply, String> {

    public long countSince(String appId, String sender, Instant since) {
        return count("appId = ?1 and sender = ?2 and sentAt >= ?3", appId, sender, since);
    }
}
