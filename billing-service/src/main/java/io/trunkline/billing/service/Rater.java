package io.trunkline.billing.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.trunkline.billing.Money;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.CdrService;

/** Prices CDRs and quotes from the {@link RateCard}. Pure: reads no account state and writes nothing. */
@ApplicationScoped
public class Rater {
    private final RateCard card;

    public Rater(RateCard card) {
        this.card = card;
    }

    /** Rates a CDR for an account kept in {@code currency}. */
    public Rating rate(CdrRecorded cdr, String currency) {
        long units = units(cdr.service(), cdr.segments(), cdr.billableSeconds());
        Optional<Rate> rate = card.find(cdr.tenantId(), cdr.service(), cdr.destination(), currency, cdr.startedAt());
        if (!cdr.success()) {
            return Rating.notBilled(units, rate.orElse(null), currency);
        }
        return rate.map(r -> Rating.rated(units, r))
                .orElseGet(() -> Rating.unrated(units, currency, "no " + code(cdr.service()) + " rate in " + currency));
    }

    /** What {@code segments} outbound SMS segments to {@code destination} would cost now, if a rate applies. */
    public Optional<Quote> quoteSms(String tenantId, String destination, int segments, String currency) {
        return card.find(tenantId, CdrService.SMS_OUT, destination, currency, Instant.now())
                .map(r -> new Quote(r, segments, Money.times(r.unitPrice(), segments)));
    }

    public record Quote(Rate rate, long units, BigDecimal total) {
    }

    /** Billed units: segments for SMS; started minutes of billable time for calls. */
    public static long units(CdrService service, int segments, long billableSeconds) {
        return switch (Rate.unitOf(service)) {
            case SEGMENT -> segments;
            case STARTED_MINUTE -> Money.startedMinutes(billableSeconds);
        };
    }

    /** {@code SMS_OUT} as shown in the API and config: {@code sms-out}. */
    public static String code(CdrService service) {
        return service.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
