package io.trunkline.events;

/** A step in a call's life. */
public enum CallStatus {
    QUEUED(false),
    DIALING_AGENT(false),
    AGENT_ANSWERED(false),
    DIALING_CUSTOMER(false),
    BRIDGED(false),
    COMPLETED(true),
    FAILED(true);

    private final boolean terminal;

    CallStatus(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean terminal() {
        return terminal;
    }
}
