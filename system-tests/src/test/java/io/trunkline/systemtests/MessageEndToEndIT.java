package io.trunkline.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The walking skeleton over the packaged services as separate processes: a message sent on the gateway goes out on
 * sms.outbound, the relay submits it over SMPP to the sandbox SMSC, the receipt comes back as deliver_sm and becomes
 * "delivered" on the gateway; the relay's CDR is rated by billing and the gateway's account shows the lower balance.
 * The platform is shared with the other system ITs ({@link SharedPlatform}); this class uses its own tenant.
 */
@ExtendWith(SharedPlatform.class)
class MessageEndToEndIT {
    private static PlatformProcesses platform;
    private static String gateway;
    private static String billing;
    private static String apiKey;
    private static String tenantId;

    @BeforeAll
    static void startPlatform(PlatformProcesses shared) {
        platform = shared; // started once for all system ITs of the run, closed when the run ends (SharedPlatform)
        gateway = platform.url("api-gateway");
        billing = platform.url("billing-service");

        tenantId = given().auth().oauth2(PlatformProcesses.OPERATOR_TOKEN).contentType(ContentType.JSON)
                .body("{\"name\":\"System Test Reseller\",\"defaultRegion\":\"AU\",\"senderIds\":[\"Trunkline\"]}")
                .post(gateway + "/v1/operator/tenants").then().statusCode(201).extract().path("id");
        apiKey = given().auth().oauth2(PlatformProcesses.OPERATOR_TOKEN).contentType(ContentType.JSON)
                .body("{\"name\":\"system-test\"}")
                .post(gateway + "/v1/operator/tenants/" + tenantId + "/keys").then().statusCode(201).extract().path("key");
        given().auth().oauth2(PlatformProcesses.OPERATOR_TOKEN).contentType(ContentType.JSON)
                .body("{\"amount\":\"10.00\",\"currency\":\"USD\",\"reference\":\"st-topup-1\",\"note\":\"system test\"}")
                .post(billing + "/v1/ops/accounts/" + tenantId + "/topups").then().statusCode(201);
        // billing -> billing.balances -> gateway
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> balance() != null && balance().compareTo(new BigDecimal("10.00")) == 0);
    }

    @Test
    void messageIsDeliveredAndBilled() {
        Response accepted = given().auth().oauth2(apiKey).contentType(ContentType.JSON)
                .body("{\"to\":\"+61412345678\",\"from\":\"Trunkline\",\"text\":\"Hey Jude\"}")
                .post(gateway + "/v1/messages");
        accepted.then().statusCode(202).body("status", equalTo("queued"));
        String id = accepted.path("id");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> "delivered".equals(given().auth().oauth2(apiKey).get(gateway + "/v1/messages/" + id)
                        .then().statusCode(200).extract().path("status")));
        List<String> timeline = given().auth().oauth2(apiKey).get(gateway + "/v1/messages/" + id).then()
                .extract().path("timeline.status");
        assertEquals("queued", timeline.get(0));
        assertTrue(timeline.indexOf("sent") > 0 && timeline.indexOf("delivered") > timeline.indexOf("sent"),
                "timeline in order: " + timeline);

        // one GSM-7 segment at the default flat rate (0.05) off 10.00
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> balance().compareTo(new BigDecimal("9.95")) == 0);
    }

    @Test
    void badInputAndBadKeysAreRefusedClearly() {
        given().auth().oauth2(apiKey).contentType(ContentType.JSON)
                .body("{\"to\":\"12\",\"from\":\"Trunkline\",\"text\":\"x\"}")
                .post(gateway + "/v1/messages")
                .then().statusCode(400).contentType("application/problem+json").body(containsString("\"to\""));
        given().auth().oauth2(apiKey).contentType(ContentType.JSON).body("{\"to\":")
                .post(gateway + "/v1/messages")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2("tk_live_not-a-key").contentType(ContentType.JSON)
                .body("{\"to\":\"+61412345678\",\"from\":\"Trunkline\",\"text\":\"x\"}")
                .post(gateway + "/v1/messages")
                .then().statusCode(401).contentType("application/problem+json");
    }

    private static BigDecimal balance() {
        String b = given().auth().oauth2(apiKey).get(gateway + "/v1/account").then().statusCode(200).extract()
                .path("balance");
        return b == null ? null : new BigDecimal(b);
    }
}
