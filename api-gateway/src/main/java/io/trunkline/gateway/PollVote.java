package io.trunkline.gateway;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A sender's vote in a poll: one per sender. */
@Entity
@Table(name = "poll_vote")
@IdClass(PollVote.Key.class)
public class PollVote {
    @Id
    @Column(name = "app_id")
    public String appId;

    @Id
    public String sender;

    /** The option as configured. */
    @Column(nullable = false)
    public String choice;

    @Column(name = "voted_at", nullable = false)
    @Convert(converter = UtcMillis.class)
    public Instant votedAt;

    public static class Key implements Serializable {
        public String appId;
        public String sender;

        public Key() {
        }

        public Key(String appId, String sender) {
            this.appId = appId;
            this.sender = sender;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(appId, k.appId) && Objects.equals(sender, k.sender);
        }

        @Override
        public int hashCode() {
            return Objects.hash(appId, sender);
        }
    }
}
