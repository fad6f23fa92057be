package io.trunkline.gateway.billing;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Nothing listens at the billing URL (billing down): every tenant billing read is a 503 problem at once. */
@QuarkusTest
@TestProfile(BillingUnreachableTest.NothingListens.class)
class BillingUnreachableTest {

    public static class NothingListens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("trunkline.gateway.billing-url", "http://127.0.0.1:" + closedPort());
        }

        private static int closedPort() {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void everyReadIs503WithAClearDetail() {
        String[] t = TenantBillingApiTest.tenantWithKey("Billing down");
        for (String path : TenantBillingApiTest.ENDPOINTS) {
            TenantBillingApiTest.tenant(t[1]).get(path).then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", "5")
                    .body("type", endsWith("/billing-unavailable"))
                    .body("detail", containsString("billing-service could not be reached"))
                    .body("detail", not(containsString("127.0.0.1")));
        }
        TenantBillingApiTest.tenant(t[1]).queryParam("format", "csv").get("/v1/usage").then().statusCode(503)
                .contentType("application/problem+json");
    }
}
