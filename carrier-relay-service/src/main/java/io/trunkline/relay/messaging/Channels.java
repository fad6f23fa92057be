package io.trunkline.relay.messaging;

/** Messaging channel names (see application.properties), shared with tests. */
public final class Channels {
    public static final String SMS_OUTBOUND = "sms-outbound";
    /** The route channel this service takes from {@code sms.outbound}: routes {@code smpp:<carrier>}. */
    public static final String ROUTE = "smpp";
    /** The channel named in the events this service publishes. */
    public static final String CHANNEL = "smpp";
    /** The route channel (and event channel) of HTTP carriers: routes {@code http:<carrier>}. */
    public static final String HTTP = "http";
    /** The e-mail channel: routes {@code email} / {@code email:<address>}; inbound e-mails too. */
    public static final String EMAIL = "email";

    private Channels() {
    }
}
