package io.trunkline.voice.service;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.trunkline.events.EventCodec;
import io.trunkline.voice.FollowMeProfile;
import io.trunkline.voice.repository.FollowMeProfileRepository;

/** Reads a tenant's follow-me profile for a call. */
@ApplicationScoped
public class FollowMe {
    /** What a follow-me call rings: numbers in order, all at once or not, and for how long. */
    public record Plan(List<String> numbers, boolean ringAll, Duration ring) {
    }

    private final FollowMeProfileRepository profiles;

    public FollowMe(FollowMeProfileRepository profiles) {
        this.profiles = profiles;
    }

    /** The tenant's profile as a plan; null if there is no such profile for this tenant. */
    @Transactional
    public Plan plan(String tenantId, String profileId) {
        FollowMeProfile p = profiles.findById(profileId);
        if (p == null || !p.tenantId.equals(tenantId)) {
            return null;
        }
        return new Plan(numbers(p.numbers), "RING_ALL".equals(p.mode), Duration.ofSeconds(p.ringSeconds));
    }

    public static List<String> numbers(String json) {
        try {
            return EventCodec.mapper().readValue(json, new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad number list " + json, e);
        }
    }
}
