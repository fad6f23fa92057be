package io.trunkline.gsm.messaging;

/** Messaging channel names (see application.properties), shared with tests. */
public final class Channels {
    public static final String SMS_OUTBOUND = "sms-outbound";
    /** The route channel this service takes from {@code sms.outbound}. */
    public static final String ROUTE = "gsm";
    /** The channel name on sms.status, sms.inbound and CDRs. */
    public static final String CHANNEL = "gsm";

    private Channels() {
    }
}
