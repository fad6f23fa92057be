package io.trunkline.events;

/** The voice services a call request can ask for. */
public enum CallKind {
    CLICK_TO_CALL,
    SMS_TO_CALL,
    FOLLOW_ME,
    SPEECH_BROADCAST
}
