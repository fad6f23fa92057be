package io.trunkline.bench.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.trunkline.billing.FailedPolicy;
import io.trunkline.billing.PlanKind;
import io.trunkline.billing.RoundingRule;
import io.trunkline.billing.ServiceCode;
import io.trunkline.billing.rating.PrefixIndex;
import io.trunkline.billing.rating.Tariff;
import io.trunkline.billing.service.RateBook;
import io.trunkline.billing.service.Rater;
import io.trunkline.billing.service.Rating;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.CdrService;

/**
 * CDRs rated per second by the engine ({@link Rater#rate(RateBook.Snapshot, CdrRecorded, String)}: longest-prefix
 * match on the sell plan and on the carrier's buy card, block rating, FX) against a sell plan of {@code prefixes}
 * prefixes (half SMS, half calls at 30/6 with a connect fee) and a buy card of the same size, on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class RatingBenchmark {
    @Param({ "100000" })
    int prefixes;

    private RateBook.Snapshot snapshot;
    private CdrRecorded[] cdrs;
    private int next;

    @Setup
    public void setUp() {
        Random rnd = new Random(42);
        List<Tariff> sell = new ArrayList<>(prefixes * 2);
        List<Tariff> buy = new ArrayList<>(prefixes * 2);
        List<String> used = new ArrayList<>(prefixes);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (used.size() < prefixes) {
            // country code 1-3 digits + 2-5 more digits: a realistic mix of nested prefixes
            String p = Integer.toString(1 + rnd.nextInt(999)) + (rnd.nextInt(100_000) + 100);
            p = p.substring(0, Math.min(p.length(), 4 + rnd.nextInt(5)));
            if (seen.add(p)) {
                used.add(p);
            }
        }
        for (String p : used) {
            BigDecimal price = BigDecimal.valueOf(100 + rnd.nextInt(9000), 5);
            sell.add(new Tariff("sell", p, "dest " + p, ServiceCode.SMS_OUT, "EUR", price, BigDecimal.ZERO, 1, 1,
                    BigDecimal.ZERO, RoundingRule.HALF_UP, Tariff.BEGINNING, null));
            sell.add(new Tariff("sell", p, "dest " + p, ServiceCode.CALL_OUT, "EUR", price.multiply(BigDecimal.TEN),
                    new BigDecimal("0.0100"), 30, 6, new BigDecimal("0.0200"), RoundingRule.UP, Tariff.BEGINNING, null));
            buy.add(new Tariff("buy", p, null, ServiceCode.SMS_OUT, "USD", price.divide(BigDecimal.valueOf(2)), BigDecimal.ZERO,
                    1, 1, BigDecimal.ZERO, RoundingRule.HALF_UP, Tariff.BEGINNING, null));
            buy.add(new Tariff("buy", p, null, ServiceCode.CALL_OUT, "USD", price.multiply(BigDecimal.valueOf(5)),
                    BigDecimal.ZERO, 1, 1, BigDecimal.ZERO, RoundingRule.HALF_UP, Tariff.BEGINNING, null));
        }
        RateBook.Plan sellPlan = new RateBook.Plan("sell", PlanKind.SELL, null, "EUR", FailedPolicy.NOT_BILLED, 1,
                PrefixIndex.of(sell));
        RateBook.Plan buyCard = new RateBook.Plan("buy", PlanKind.BUY, "acme", "USD", FailedPolicy.NOT_BILLED, 1,
                PrefixIndex.of(buy));
        snapshot = new RateBook.Snapshot(1, Map.of("sell", sellPlan, "buy", buyCard), Map.of("tenant", "sell"),
                Map.of("EURUSD", new BigDecimal("1.0850000000")), sellPlan, Map.of("acme", buyCard));
        cdrs = new CdrRecorded[65536];
        Instant t = Instant.parse("2026-11-26T10:00:00Z");
        for (int i = 0; i < cdrs.length; i++) {
            String dest = "+" + used.get(rnd.nextInt(used.size())) + (1000 + rnd.nextInt(9000));
            boolean call = rnd.nextBoolean();
            cdrs[i] = new CdrRecorded("cdr-" + i, "tenant", call ? CdrService.CALL_OUT : CdrService.SMS_OUT, "s-" + i,
                    "+100", dest, call ? 0 : 1 + rnd.nextInt(3), call ? rnd.nextInt(600) : 0, t, null, t, "smpp",
                    "acme", true, null);
        }
    }

    @Benchmark
    public Rating rate() {
        CdrRecorded cdr = cdrs[next++ & (cdrs.length - 1)];
        return Rater.rate(snapshot, cdr, "USD");
    }

    @Benchmark
    public Tariff lookupOnly() {
        CdrRecorded cdr = cdrs[next++ & (cdrs.length - 1)];
        return snapshot.defaultPlan().index().find(ServiceCode.SMS_OUT, cdr.destination(), cdr.startedAt());
    }
}
