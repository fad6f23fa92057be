package io.trunkline.gateway.billing;

/** billing-service could not answer (down, too slow, or refusing the gateway): the tenant gets a 503 problem. */
public class BillingUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BillingUnavailableException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
