package io.trunkline.relay.service;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import io.trunkline.relay.config.RelayConfig;

/** The buy cost of one SMS_OUT CDR from its carrier's configured {@link RelayConfig.Price}. */
public final class BuyPrice {
    /** An amount in a currency. */
    public record Cost(BigDecimal amount, String currency) {
    }

    private BuyPrice() {
    }

    /**
     * segments x the price of the longest prefix of {@code destination} (else {@code per-segment}); zero for a
     * message the carrier never took ({@code taken} false: refused, expired before sending). Empty when the carrier
     * has no currency or no price for the destination: the cost is then unknown, not zero.
     */
    public static Optional<Cost> of(RelayConfig.Price price, String destination, int segments, boolean taken) {
        if (price == null || price.currency().isEmpty() || price.currency().get().isBlank()) {
            return Optional.empty();
        }
        String number = destination.startsWith("+") ? destination.substring(1) : destination;
        BigDecimal perSegment = null;
        int longest = -1;
        for (Map.Entry<String, BigDecimal> e : price.prefixes().entrySet()) {
            String prefix = e.getKey().startsWith("+") ? e.getKey().substring(1) : e.getKey();
            if (number.startsWith(prefix) && prefix.length() > longest) {
                longest = prefix.length();
                perSegment = e.getValue();
            }
        }
        if (perSegment == null) {
            perSegment = price.perSegment().orElse(null);
        }
        if (perSegment == null) {
            return Optional.empty();
        }
        String currency = price.currency().get().trim().toUpperCase();
        if (!taken) {
            return Optional.of(new Cost(BigDecimal.ZERO.setScale(perSegment.scale()), currency));
        }
        return Optional.of(new Cost(perSegment.multiply(BigDecimal.valueOf(Math.max(1, segments))), currency));
    }
}
