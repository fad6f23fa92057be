package io.trunkline.voice;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant's follow-me profile: numbers rung one after another (HUNT) or all at once (RING_ALL). */
@Entity
@Table(name = "follow_me_profile")
public class FollowMeProfile {
    @Id
    @Column(name = "profile_id")
    public String profileId;
    @Column(name = "tenant_id")
    public String tenantId;
    public String name;
    /** HUNT or RING_ALL */
    public String mode;
    /** JSON array of E.164 numbers, in hunt order. */
    public String numbers;
    /** How long each number rings (hunt) or all ring (ring-all). */
    @Column(name = "ring_seconds")
    public int ringSeconds;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
