package io.trunkline.gateway.voice;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class VoiceCallRepository implements PanacheRepositoryBase<VoiceCall, String> {
}
