package io.trunkline.billing.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.trunkline.billing.CdrStatus;
import io.trunkline.billing.EntryType;
import io.trunkline.billing.Money;
import io.trunkline.billing.RatedCdr;
import io.trunkline.billing.config.BillingConfig;
import io.trunkline.billing.rating.Tariff;
import io.trunkline.billing.repository.RatedCdrRepository;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.EventEnvelope;
import io.trunkline.platform.messaging.Inbox;

/**
 * Rates and charges one CDR, exactly once: the {@code ce_id} inbox drops a redelivered event, the {@code cdr_id} key
 * drops the same CDR re-published under a new event, and the charge, the rated CDR, the ledger entry and the
 * {@code BalanceChanged} commit together or not at all. A CDR is never dropped: one for an unknown tenant opens an
 * account, one that cannot be priced is stored {@code unrated}.
 */
@ApplicationScoped
public class CdrBilling {
    private static final Logger LOG = Logger.getLogger(CdrBilling.class);

    public enum Outcome {
        CHARGED, RATED_FREE, NOT_BILLED, UNRATED, DUPLICATE_EVENT, DUPLICATE_CDR
    }

    private final Inbox inbox;
    private final AccountService accounts;
    private final RatedCdrRepository cdrs;
    private final Rater rater;
    private final BillingConfig.NewAccount defaults;
    private final MeterRegistry metrics;

    public CdrBilling(Inbox inbox, AccountService accounts, RatedCdrRepository cdrs, Rater rater, BillingConfig config,
            MeterRegistry metrics) {
        this.inbox = inbox;
        this.accounts = accounts;
        this.cdrs = cdrs;
        this.rater = rater;
        this.defaults = config.newAccount();
        this.metrics = metrics;
    }

    @Transactional
    public Outcome handle(EventEnvelope<CdrRecorded> env) {
        if (!inbox.firstDelivery(env.headers().id())) {
            return count(Outcome.DUPLICATE_EVENT);
        }
        CdrRecorded cdr = env.payload();
        // the account's row lock serialises this tenant's CDRs from here on, so the duplicate check below is exact
        AccountService.Locked locked = accounts.openAndLock(cdr.tenantId(), defaults.currency());
        if (cdrs.exists(cdr.cdrId())) {
            RatedCdr prior = cdrs.findById(cdr.cdrId());
            if (!prior.tenantId.equals(cdr.tenantId())) {
                LOG.warnf("cdr %s arrived for tenant %s but was already rated for tenant %s; ignored", cdr.cdrId(),
                        cdr.tenantId(), prior.tenantId);
            } else {
                LOG.debugf("cdr %s already rated (event %s); ignored", cdr.cdrId(), env.headers().id());
            }
            return count(Outcome.DUPLICATE_CDR);
        }

        Rating rating = rater.rate(cdr, locked.account().currency);
        RatedCdr row = row(env, rating);
        Outcome outcome;
        if (rating.charges()) {
            AccountService.Movement m = accounts.move(locked.account(), EntryType.CHARGE, rating.amount().negate(),
                    cdr.cdrId(), actor(env), note(cdr, rating), "cdr " + cdr.cdrId());
            row.ledgerEntryId = m.entry().id;
            outcome = Outcome.CHARGED;
        } else {
            if (locked.opened()) {
                accounts.publish(locked.account(), "account opened by cdr " + cdr.cdrId());
            }
            outcome = switch (rating.status()) {
                case RATED -> Outcome.RATED_FREE;
                case NOT_BILLED -> Outcome.NOT_BILLED;
                case UNRATED -> Outcome.UNRATED;
            };
        }
        if (rating.status() == CdrStatus.UNRATED) {
            LOG.warnf("cdr %s of tenant %s stored unrated: %s", cdr.cdrId(), cdr.tenantId(), rating.reason());
        }
        cdrs.persist(row);
        cdrs.flush(); // a key violation (a concurrent duplicate) surfaces here, inside the retried call
        return count(outcome);
    }

    private RatedCdr row(EventEnvelope<CdrRecorded> env, Rating rating) {
        CdrRecorded cdr = env.payload();
        RatedCdr r = new RatedCdr();
        r.cdrId = cdr.cdrId();
        r.tenantId = cdr.tenantId();
        r.eventId = env.headers().id();
        r.service = cdr.service();
        r.subjectId = cdr.subjectId();
        r.source = cdr.source();
        r.destination = cdr.destination();
        r.segments = cdr.segments();
        r.billableSeconds = cdr.billableSeconds();
        r.startedAt = cdr.startedAt();
        r.answeredAt = cdr.answeredAt();
        r.endedAt = cdr.endedAt();
        r.channel = cdr.channel();
        r.carrier = cdr.carrier();
        r.success = cdr.success();
        r.hangupCause = cdr.hangupCause();
        r.status = rating.status();
        r.statusReason = rating.reason();
        r.units = rating.units();
        r.ratePlan = rating.plan();
        r.amount = rating.amount();
        r.currency = rating.currency();
        Tariff sell = rating.sell();
        if (sell != null) {
            r.unitPrice = sell.price();
            r.ratePrefix = sell.prefix();
            r.rateDestination = sell.destination();
            r.rateCurrency = sell.currency();
        }
        if (sell != null && sell.service().isCall() && rating.status() == CdrStatus.RATED) {
            r.billedSeconds = rating.units();
        }
        r.rateAmount = rating.rateAmount();
        r.fxRate = rating.fxRate();
        Rating.Buy buy = rating.buy();
        if (buy != null) {
            r.buyPlan = buy.plan();
            r.buyPrefix = buy.rate().prefix();
            r.buyCurrency = buy.rate().currency();
            r.buyAmount = buy.amount();
            r.buyFxRate = buy.fxRate();
            r.buyCost = buy.cost();
        }
        r.margin = rating.margin();
        r.ratedAt = Instant.now();
        return r;
    }

    private static String actor(EventEnvelope<CdrRecorded> env) {
        String source = env.headers().source();
        return source.length() <= 128 ? source : source.substring(0, 128);
    }

    private static String note(CdrRecorded cdr, Rating rating) {
        Tariff t = rating.sell();
        String what = t.service().isCall()
                ? rating.units() + " s billed (" + t.initialBlock() + "/" + t.increment() + ") at "
                        + Money.formatPrice(t.price()) + "/min"
                : rating.units() + " segment(s) x " + Money.formatPrice(t.price());
        String fx = t.currency().equals(rating.currency()) ? ""
                : " (" + Money.format(rating.rateAmount()) + " " + t.currency() + " at fx " + rating.fxRate().toPlainString() + ")";
        return t.service().code() + " " + what + " " + t.currency() + fx + " to " + truncate(cdr.destination(), 48)
                + " [plan " + rating.plan() + " prefix " + t.prefix() + "] via " + cdr.channel();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private Outcome count(Outcome outcome) {
        metrics.counter("trunkline.billing.cdrs", "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).increment();
        return outcome;
    }
}
