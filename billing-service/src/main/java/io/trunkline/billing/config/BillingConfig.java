package io.trunkline.billing.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** billing-service settings ({@code trunkline.billing.*}); each default is the documented value. */
@ConfigMapping(prefix = "trunkline.billing")
public interface BillingConfig {

    /**
     * Bearer token for the operator API ({@code /v1/ops/**}, {@code /v1/quotes/**}). Set from
     * {@code TRUNKLINE_OPERATOR_TOKEN} in application.properties; the default is for local runs only.
     */
    @WithDefault("dev-operator-token")
    String operatorToken();

    /** The flat rate card used until rate plans exist. Money in {@link #currency()}. */
    DefaultRates defaultRates();

    /** How accounts opened implicitly (first top-up or first CDR of a tenant) start out. */
    NewAccount newAccount();

    /** Managing the compacted {@code billing.balances} topic. */
    BalancesTopic balancesTopic();

    /** Retrying a CDR whose transaction failed for a transient reason (deadlock, lock wait timeout). */
    CdrRetry cdrRetry();

    interface DefaultRates {
        /** ISO 4217 currency of the default rates. */
        @WithDefault("USD")
        String currency();

        /** Outbound SMS, per segment. */
        @WithDefault("0.0500")
        BigDecimal smsOut();

        /** Inbound SMS, per segment. */
        @WithDefault("0.0000")
        BigDecimal smsIn();

        /** Outbound call leg, per started minute of billable time. */
        @WithDefault("0.0200")
        BigDecimal callOut();

        /** Inbound call leg, per started minute of billable time. */
        @WithDefault("0.0000")
        BigDecimal callIn();
    }

    interface NewAccount {
        /** Currency of an account opened without one being named (by a CDR, or a top-up without currency). */
        @WithDefault("USD")
        String currency();

        /** Prepaid accounts are blocked once balance + credit limit reaches zero. */
        @WithDefault("true")
        boolean prepaid();

        /** How far below zero a prepaid balance may go. */
        @WithDefault("0.0000")
        BigDecimal creditLimit();
    }

    interface BalancesTopic {
        /** Create {@code billing.balances} compacted at start (and make an existing one compacted). */
        @WithDefault("true")
        boolean manage();

        /** Partitions when creating it; empty = the broker's {@code num.partitions}. */
        Optional<Integer> partitions();

        /** Replication factor when creating it; empty = the broker's {@code default.replication.factor}. */
        Optional<Short> replicationFactor();

        /** Wait between attempts while the broker is not reachable. */
        @WithDefault("15s")
        Duration retryInterval();
    }

    interface CdrRetry {
        /** Attempts per CDR before it goes to {@code cdr.events.dlq}. */
        @WithDefault("5")
        int attempts();

        /** Wait before the second attempt; doubled each time. */
        @WithDefault("50ms")
        Duration backoff();
    }
}
