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

    /**
     * The flat default plan ({@code default}): rates every tenant without a plan of its own, for every destination
     * (calls 60/60, failed attempts not billed). Money in {@link DefaultRates#currency()}.
     */
    DefaultRates defaultRates();

    /** How accounts opened implicitly (first top-up or first CDR of a tenant) start out. */
    NewAccount newAccount();

    /** Managing the compacted {@code billing.balances} topic. */
    BalancesTopic balancesTopic();

    /** Retrying a CDR whose transaction failed for a transient reason (deadlock, lock wait timeout). */
    CdrRetry cdrRetry();

    /** The in-memory rate tries and their refresh across replicas. */
    Rating rating();

    /** Once-off and monthly charges. */
    Charges charges();

    /** Low-balance alert delivery (webhook, e-mail). */
    Alerts alerts();

    interface Rating {
        /**
         * How often each replica checks {@code rating_version} and reloads the plans that changed (a change made
         * through this replica's API is loaded at once).
         */
        @WithDefault("2s")
        Duration refreshInterval();
    }

    interface Charges {
        /** How often the charge job looks for due charges ({@code off} disables it, e.g. in tests). */
        @WithDefault("1h")
        String every();
    }

    interface Alerts {
        /** How often pending alerts are delivered ({@code off} disables the job). */
        @WithDefault("10s")
        String every();

        /** Attempts per alert (webhook and e-mail together) before it is marked {@code failed}. */
        @WithDefault("8")
        int attempts();

        /** Wait before the second attempt; doubled each time. */
        @WithDefault("30s")
        Duration backoff();

        /** HTTP timeout for a webhook call. */
        @WithDefault("5s")
        Duration timeout();

        /** The From address of alert e-mails. */
        @WithDefault("billing@trunkline.local")
        String from();
    }

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
