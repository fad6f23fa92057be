package io.trunkline.gateway.billing;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * billing-service's answers as the gateway reads them. Money and times stay the strings billing wrote (decimal
 * strings with 4 decimals, RFC 3339), so nothing is re-rounded or re-formatted on the way. Unknown fields are ignored:
 * billing may add fields without breaking the gateway.
 */
final class BillingModel {
    private BillingModel() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page<T>(List<T> items, int page, int size, long total) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record LedgerEntry(String id, String type, String amount, String currency, String balanceAfter, long version,
            String reference, String actor, String note, String createdAt) {
    }

    /** A rated CDR, including the operator-only buy side ({@code carrier}, {@code buy*}, {@code margin}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Cdr(String cdrId, String service, String subjectId, String source, String destination, int segments,
            long billableSeconds, String startedAt, String answeredAt, String endedAt, String channel, String carrier,
            boolean success, String hangupCause, String status, String statusReason, long units, String unitPrice,
            String amount, String currency, String ratePlan, String ledgerEntryId, String ratedAt, String ratePrefix,
            String rateDestination, Long billedSeconds, String rateCurrency, String rateAmount, String fxRate,
            String buyPlan, String buyPrefix, String buyCurrency, String buyAmount, String buyCost, String margin) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InvoiceLine(int line, String kind, String service, String destination, String description, long quantity,
            long units, String amount) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Invoice(String id, String tenantId, String period, String status, String number, String currency,
            String usageTotal, String chargesTotal, String total, String generatedAt, String finalizedAt,
            List<InvoiceLine> lines) {
    }
}
