package io.trunkline.billing.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.trunkline.billing.PlanKind;
import io.trunkline.billing.ServiceCode;
import io.trunkline.billing.rating.Pricing;
import io.trunkline.billing.rating.Tariff;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.CdrService;

/** Prices CDRs and quotes from the {@link RateBook}. Pure: reads no account state and writes nothing. */
@ApplicationScoped
public class Rater {
    private final RateBook book;

    public Rater(RateBook book) {
        this.book = book;
    }

    /** Rates a CDR (sell and buy) for an account kept in {@code currency}. */
    public Rating rate(CdrRecorded cdr, String currency) {
        return rate(book.snapshot(), cdr, currency);
    }

    /** The engine itself, over one snapshot (used by the benchmark too). */
    public static Rating rate(RateBook.Snapshot s, CdrRecorded cdr, String currency) {
        ServiceCode service = ServiceCode.of(cdr.service());
        RateBook.Plan plan = s.planFor(cdr.tenantId());
        Tariff sell = plan.index().find(service, cdr.destination(), cdr.startedAt());
        Rating.Buy buy = buy(s, cdr, service, currency);
        long rawUnits = service.isCall() ? cdr.billableSeconds() : cdr.segments();
        if (!cdr.success() && plan.failed() == io.trunkline.billing.FailedPolicy.NOT_BILLED) {
            return Rating.notBilled(rawUnits, plan.id(), sell, currency, buy);
        }
        if (sell == null) {
            return Rating.unrated(rawUnits, plan.id(), null, currency, buy, "no " + service.code() + " rate for "
                    + cdr.destination() + " in plan " + plan.id() + " at " + cdr.startedAt());
        }
        BigDecimal fx = s.fx(sell.currency(), currency);
        if (fx == null) {
            return Rating.unrated(rawUnits, plan.id(), sell, currency, buy,
                    "no FX rate " + sell.currency() + " to " + currency);
        }
        Pricing.Priced p = Pricing.price(sell, cdr.segments(), cdr.billableSeconds());
        return Rating.rated(p.units(), plan.id(), sell, p.amount(), fx, currency, Pricing.convert(p.amount(), fx), buy);
    }

    private static Rating.Buy buy(RateBook.Snapshot s, CdrRecorded cdr, ServiceCode service, String currency) {
        if (cdr.buyCost() != null) {
            // the producer knows what the carrier charged: that wins over our buy card's estimate
            BigDecimal fx = s.fx(cdr.buyCurrency(), currency);
            return new Rating.Buy(null, null, cdr.buyCurrency(), cdr.buyCost(), fx,
                    fx == null ? null : Pricing.convert(cdr.buyCost(), fx));
        }
        RateBook.Plan card = cdr.carrier() == null ? null : s.buyByCarrier().get(cdr.carrier());
        if (card == null) {
            return null;
        }
        Tariff t = card.index().find(service, cdr.destination(), cdr.startedAt());
        if (t == null) {
            return null;
        }
        BigDecimal amount = Pricing.price(t, cdr.segments(), cdr.billableSeconds()).amount();
        BigDecimal fx = s.fx(t.currency(), currency);
        return new Rating.Buy(card.id(), t, t.currency(), amount, fx, fx == null ? null : Pricing.convert(amount, fx));
    }

    /** What {@code segments} outbound SMS segments to {@code destination} would cost the tenant now, if a rate applies. */
    public Optional<Quote> quoteSms(String tenantId, String destination, int segments, String currency) {
        RateBook.Snapshot s = book.snapshot();
        RateBook.Plan plan = s.planFor(tenantId);
        Tariff t = plan.index().find(ServiceCode.SMS_OUT, destination, Instant.now());
        if (t == null) {
            return Optional.empty();
        }
        BigDecimal fx = s.fx(t.currency(), currency);
        if (fx == null) {
            return Optional.empty();
        }
        BigDecimal total = Pricing.convert(Pricing.price(t, segments, 0).amount(), fx);
        BigDecimal unit = Pricing.convert(Pricing.price(t, 1, 0).amount(), fx);
        return Optional.of(new Quote(plan.id(), t, currency, unit, segments, total, fx));
    }

    public record Quote(String plan, Tariff rate, String currency, BigDecimal unitPrice, long units, BigDecimal total,
            BigDecimal fxRate) {
    }

    /** A carrier able to take a destination, with its buy rate and that rate in the comparison currency. */
    public record RouteOption(String carrier, String plan, Tariff rate, BigDecimal comparable) {
    }

    /**
     * The carriers whose buy card has an effective rate for {@code service} to {@code destination}, cheapest first.
     * The cost compared is one segment (SMS) or one minute plus the connect fee (calls), in {@code currency}; a rate
     * with no FX rate to it sorts last.
     */
    public List<RouteOption> routes(String destination, CdrService cdrService, String currency) {
        RateBook.Snapshot s = book.snapshot();
        ServiceCode service = ServiceCode.of(cdrService);
        Instant now = Instant.now();
        List<RouteOption> out = new ArrayList<>();
        for (RateBook.Plan card : s.buyCards()) {
            if (card.kind() != PlanKind.BUY) {
                continue;
            }
            Tariff t = card.index().find(service, destination, now);
            if (t == null) {
                continue;
            }
            BigDecimal reference = service.isCall() ? t.price().add(t.connectFee()) : t.price();
            BigDecimal fx = s.fx(t.currency(), currency);
            out.add(new RouteOption(card.carrier(), card.id(), t, fx == null ? null : reference.multiply(fx)));
        }
        out.sort(Comparator.comparing(RouteOption::comparable, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(RouteOption::carrier));
        return out;
    }

    /** {@code SMS_OUT} as shown in the API and config: {@code sms-out}. */
    public static String code(CdrService service) {
        return ServiceCode.of(service).code();
    }
}
