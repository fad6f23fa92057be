package io.trunkline.gateway.messaging;

/** Messaging channel names (see application.properties), shared with tests. */
public final class Channels {
    /** {@code sms.status}: status reports of outbound messages; dead letters to {@code sms.status.dlq}. */
    public static final String SMS_STATUS = "sms-status";
    /** {@code billing.balances}: tenants' balance and credit state; dead letters to {@code billing.balances.dlq}. */
    public static final String BILLING_BALANCES = "billing-balances";
    /** {@code call.status}: steps of calls (voice-service); dead letters to {@code call.status.dlq}. */
    public static final String CALL_STATUS = "call-status";

    /** {@code sms.inbound}: received SMS and e-mail-to-SMS ({@code SmsReceived}); dead letters to {@code sms.inbound.dlq}. */
    public static final String SMS_INBOUND = "sms-inbound";

    private Channels() {
    }
}
