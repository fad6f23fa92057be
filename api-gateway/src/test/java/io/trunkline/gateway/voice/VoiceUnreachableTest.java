package io.trunkline.gateway.voice;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Nothing listens at the voice URL (voice down): every call API request is a 503 problem at once, nothing kept. */
@QuarkusTest
@TestProfile(VoiceUnreachableTest.NothingListens.class)
class VoiceUnreachableTest {

    public static class NothingListens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("trunkline.gateway.voice.url", "http://127.0.0.1:" + closedPort());
        }

        private static int closedPort() {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    EntityManager em;

    @Test
    void everyRequestIs503WithAClearDetailAndAPlacedCallIsNotKept() {
        String[] t = CallsApiTest.tenantWithKey("Voice down");
        for (String path : List.of("/v1/calls", "/v1/calls/" + UUID.randomUUID(), "/v1/follow-me-profiles",
                "/v1/follow-me-profiles/" + UUID.randomUUID())) {
            CallsApiTest.tenant(t[1]).get(path).then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("type", endsWith("/voice-unavailable"))
                    .body("detail", containsString("voice-service could not be reached"))
                    .body("detail", not(containsString("127.0.0.1")));
        }
        CallsApiTest.tenant(t[1]).contentType(ContentType.JSON)
                .body(Map.of("agents", List.of("+27115550001"), "customers", List.of("+27821234567")))
                .post("/v1/calls").then().statusCode(503).body("type", endsWith("/voice-unavailable"));
        CallsApiTest.tenant(t[1]).contentType(ContentType.JSON)
                .body(Map.of("name", "office", "numbers", List.of("+27115551111")))
                .post("/v1/follow-me-profiles").then().statusCode(503);
        assertEquals(0L, (long) QuarkusTransaction.requiringNew().call(() -> ((Number) em
                .createNativeQuery("SELECT COUNT(*) FROM voice_call WHERE tenant_id = ?1")
                .setParameter(1, t[0]).getSingleResult()).longValue()), "voice was never reached: nothing kept");
    }
}
