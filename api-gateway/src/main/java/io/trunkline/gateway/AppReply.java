package io.trunkline.gateway;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A reply an app sent to a sender; counted for the auto-reply rate limit. */
@Entity
@Table(name = "app_reply")
public class AppReply {
    @Id
    public String id;

    @Column(name = "app_id", nullable = false)
    public String appId;

    @Column(nullable = false)
    public String sender;

    @Column(name = "message_id", nullable = false)
    public String messageId;

    @Column(name = "sent_at", nullable = false)
    @Convert(converter = UtcMillis.class)
    public Instant sentAt;
}
