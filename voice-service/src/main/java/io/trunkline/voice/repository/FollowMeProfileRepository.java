package io.trunkline.voice.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.voice.FollowMeProfile;

@ApplicationScoped
public class FollowMeProfileRepository implements PanacheRepositoryBase<FollowMeProfile, String> {
}
