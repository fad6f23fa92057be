package io.trunkline.voice.service;

import io.trunkline.events.CallKind;

/** What a running call needs to know about its request, read once when it is admitted. */
public record CallInfo(String callId, String tenantId, CallKind kind, String reference, String statusCallback,
        String callerId, String trunk) {
}
