package io.trunkline.gsm.port;

/** What a modem port can do right now. */
public enum PortState {
    /** Opening the device and running the init sequence. */
    INITIALISING,
    /** Registered and idle: takes messages. */
    READY,
    /** Sending a message or reading the SIM store. */
    BUSY,
    /** No SIM, or the SIM is locked (PIN/PUK missing or wrong). */
    NO_SIM,
    /** The SIM is not registered on a network (AT+CREG? other than 1 or 5). */
    NOT_REGISTERED,
    /** The device is missing or the modem stopped answering; retried every reconnect-interval. */
    DOWN,
    /** Configured with enabled=false. */
    DISABLED;

    /** READY and BUSY ports count for readiness. */
    public boolean usable() {
        return this == READY || this == BUSY;
    }
}
