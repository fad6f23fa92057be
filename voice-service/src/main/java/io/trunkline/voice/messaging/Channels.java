package io.trunkline.voice.messaging;

/** Messaging channel names (see application.properties), shared with tests. */
public final class Channels {
    /** {@code call.requests}: calls to place; failures go to {@code call.requests.dlq}. */
    public static final String CALL_REQUESTS = "call-requests";

    private Channels() {
    }
}
