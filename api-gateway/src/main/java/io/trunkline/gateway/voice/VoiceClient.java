package io.trunkline.gateway.voice;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.trunkline.platform.rest.OperatorCredential;
import io.trunkline.gateway.config.GatewayConfig;

/**
 * The gateway's client of voice-service's tenant API ({@code trunkline.gateway.voice.url}, env
 * {@code TRUNKLINE_VOICE_URL}). Every request carries the tenant of the caller's API key in {@code X-Trunkline-Tenant}
 * (never anything the caller sent) and the gateway's operator token ({@code TRUNKLINE_OPERATOR_TOKEN}, the same
 * variable voice reads), which voice requires beside the header. Each call is bounded by
 * {@code trunkline.gateway.voice.timeout}. Voice's 2xx and 4xx answers (its problem+json) are returned as they are;
 * no answer, a 5xx or a refused token is a {@link VoiceUnavailableException}, never a 500 or a hang.
 */
@ApplicationScoped
public class VoiceClient {
    private static final Logger LOG = Logger.getLogger(VoiceClient.class);

    /** Voice's answer, passed on to the tenant: status, Content-Type, body (may be empty), Location path if any. */
    public record Answer(int status, String contentType, String body, String location) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    private final Duration timeout;
    private final String authorization;

    public VoiceClient(GatewayConfig config, VoiceClientConfig voice) {
        this.baseUrl = voice.url().endsWith("/") ? voice.url().substring(0, voice.url().length() - 1) : voice.url();
        this.timeout = voice.timeout();
        this.authorization = "Bearer " + config.operatorToken();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public Answer get(String tenantId, String pathAndQuery, String what) {
        return exchange("GET", pathAndQuery, tenantId, null, what);
    }

    public Answer post(String tenantId, String path, String json, String what) {
        return exchange("POST", path, tenantId, json, what);
    }

    public Answer put(String tenantId, String path, String json, String what) {
        return exchange("PUT", path, tenantId, json, what);
    }

    public Answer delete(String tenantId, String path, String what) {
        return exchange("DELETE", path, tenantId, null, what);
    }

    private Answer exchange(String method, String pathAndQuery, String tenantId, String json, String what) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(timeout)
                .header("Authorization", authorization)
                .header(OperatorCredential.ACT_FOR_TENANT, tenantId)
                .header("Accept", "application/json, application/problem+json");
        if (json != null) {
            req.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } else {
            req.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> res;
        try {
            res = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            LOG.warnf("voice-service at %s unreachable for %s: %s", baseUrl, what, e.toString());
            throw new VoiceUnavailableException("voice-service could not be reached; " + what
                    + " cannot be done now, try again later", false, e);
        } catch (HttpTimeoutException e) {
            LOG.warnf("voice-service at %s did not answer %s within %d ms", baseUrl, what, timeout.toMillis());
            throw new VoiceUnavailableException("voice-service did not answer within " + timeout.toMillis() + " ms; "
                    + what + " may or may not have been done, check before trying again", !"GET".equals(method), e);
        } catch (IOException e) {
            LOG.warnf("voice-service at %s failed %s: %s", baseUrl, what, e.toString());
            throw new VoiceUnavailableException("voice-service could not answer; " + what
                    + " cannot be done now, try again later", !"GET".equals(method), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VoiceUnavailableException("interrupted while asking voice-service; try again later",
                    !"GET".equals(method), e);
        }
        int status = res.statusCode();
        if (status == 401 || status == 403) {
            LOG.errorf("voice-service at %s refused the gateway's operator token (%d) for %s: "
                    + "TRUNKLINE_OPERATOR_TOKEN must be the same for both", baseUrl, status, what);
            throw new VoiceUnavailableException("voice-service refused the gateway's credentials; " + what
                    + " cannot be done now", false, null);
        }
        if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
            LOG.warnf("voice-service at %s answered %d for %s: %s", baseUrl, status, what, res.body());
            throw new VoiceUnavailableException("voice-service answered " + status + "; " + what
                    + " cannot be done now, try again later", false, null);
        }
        String location = res.headers().firstValue("Location").map(VoiceClient::pathOf).orElse(null);
        return new Answer(status, res.headers().firstValue("Content-Type").orElse(null), res.body(), location);
    }

    /** Voice's Location is absolute (its own host): only the path is the tenant's. */
    private static String pathOf(String location) {
        try {
            return URI.create(location).getRawPath();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
