package io.trunkline.gateway.billing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.logging.Logger;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.trunkline.gateway.config.GatewayConfig;

/**
 * The gateway's client of billing-service ({@code trunkline.gateway.billing-url}, env {@code TRUNKLINE_BILLING_URL}).
 * It authenticates with the gateway's own operator token ({@code trunkline.gateway.operator-token}, env
 * {@code TRUNKLINE_OPERATOR_TOKEN}, the same variable billing reads). Every call is bounded by
 * {@code trunkline.gateway.billing-timeout} (connect and read, default 3 s). A billing 404 is an empty answer; any
 * other failure (refused, timed out, 5xx, token refused) is a {@link BillingUnavailableException}, never a 500.
 */
@ApplicationScoped
public class BillingClient {
    private static final Logger LOG = Logger.getLogger(BillingClient.class);

    private final BillingApi api;
    private final String baseUrl;
    private final Duration timeout;

    public BillingClient(GatewayConfig config, BillingClientConfig billingConfig) {
        this.baseUrl = billingConfig.billingUrl();
        this.timeout = billingConfig.billingTimeout();
        String authorization = "Bearer " + config.operatorToken();
        ClientRequestFilter auth = ctx -> ctx.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, authorization);
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(baseUrl))
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .register(auth)
                .build(BillingApi.class);
    }

    /** The tenant's ledger page; empty when billing has no account for the tenant yet. */
    public Optional<BillingModel.Page<BillingModel.LedgerEntry>> ledger(String tenantId, int page, int size) {
        return call("the ledger", () -> api.ledger(tenantId, page, size));
    }

    public Optional<BillingModel.Page<BillingModel.Cdr>> cdrs(String tenantId, String from, String to, int page,
            int size) {
        return call("the usage", () -> api.cdrs(tenantId, from, to, page, size));
    }

    public List<BillingModel.Cdr> usageExport(String tenantId, String from, String to) {
        return call("the usage export", () -> api.usage(tenantId, from, to, "json")).orElse(List.of());
    }

    public List<BillingModel.Invoice> invoices(String tenantId) {
        return call("the invoices", () -> api.invoices(tenantId)).orElse(List.of());
    }

    /** The invoice with its lines, if billing has one with this id (of any tenant: the caller checks the owner). */
    public Optional<BillingModel.Invoice> invoice(String invoiceId) {
        return call("the invoice", () -> api.invoice(invoiceId));
    }

    public Optional<String> invoiceCsv(String invoiceId) {
        return call("the invoice", () -> api.invoiceCsv(invoiceId, "csv"));
    }

    /** The tenant's price for {@code segments} to {@code destination}; empty when billing has no rate (404/422). */
    public Optional<BillingQuotes.SmsQuote> smsQuote(String tenantId, String destination, int segments) {
        return call("the price", () -> emptyOn422(() -> api.smsQuote(tenantId, destination, segments)));
    }

    /** The carriers that can take an SMS to {@code destination}, cheapest first; empty when billing knows none. */
    public Optional<BillingQuotes.RouteQuote> routeQuote(String destination) {
        return call("the least-cost route", () -> emptyOn422(() -> api.routeQuote(destination, "sms-out")));
    }

    private static <T> T emptyOn422(Supplier<T> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            if (e.getResponse() != null && e.getResponse().getStatus() == 422) {
                return null;
            }
            throw e;
        }
    }

    private <T> Optional<T> call(String what, Supplier<T> request) {
        try {
            return Optional.ofNullable(request.get());
        } catch (WebApplicationException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
            if (status == 404) {
                return Optional.empty();
            }
            if (status == 401 || status == 403) {
                LOG.errorf("billing-service at %s refused the gateway's operator token (%d) reading %s: "
                        + "TRUNKLINE_OPERATOR_TOKEN must be the same for both", baseUrl, status, what);
                throw new BillingUnavailableException("billing-service refused the gateway's credentials; "
                        + what + " cannot be read now", e);
            }
            LOG.warnf("billing-service at %s answered %d reading %s", baseUrl, status, what);
            throw new BillingUnavailableException("billing-service answered " + status + " reading " + what
                    + "; try again later", e);
        } catch (RuntimeException e) {
            // refused, reset, timed out (ProcessingException and its causes), or an unreadable answer
            LOG.warnf("billing-service at %s unavailable reading %s: %s", baseUrl, what, rootMessage(e));
            String why = timedOut(e) ? "did not answer within " + timeout.toMillis() + " ms"
                    : "could not be reached";
            throw new BillingUnavailableException("billing-service " + why + "; " + what
                    + " cannot be read now, try again later", e);
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String n = t.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (n.contains("timeout") || m.contains("timeout") || m.contains("timed out")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
