package io.trunkline.gateway;

import static io.restassured.RestAssured.given;
import static io.trunkline.gateway.GatewayClient.operator;
import static io.trunkline.gateway.GatewayClient.send;
import static io.trunkline.gateway.GatewayClient.tenant;
import static io.trunkline.gateway.GatewayClient.tenantWithKey;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.trunkline.gateway.billing.BillingStub;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;

/** POST /v1/messages/quote, with {@link BillingStub} as billing's price. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
@QuarkusTestResource(BillingStub.class)
class QuoteApiTest {
    @ConfigProperty(name = "trunkline.gateway.billing-url")
    String billingUrl;

    @Inject
    GatewayDatabase db;

    @BeforeEach
    @AfterEach
    void resetStub() {
        given().body("").post(billingUrl + "/__stub/reset").then().statusCode(204);
    }

    static Response quote(String apiKey, Object body) {
        return tenant(apiKey).contentType(ContentType.JSON).body(body).post("/v1/messages/quote");
    }

    @Test
    void quoteAnswersEncodingSegmentsRouteAndPriceAndSendsNothing() {
        String[] t = tenantWithKey("Quote");
        quote(t[1], Map.of("to", "+61412345678", "from", "Trunkline", "text", "x".repeat(161)))
                .then().statusCode(200).contentType("application/json")
                .body("encoding", equalTo("GSM7"))
                .body("segments", equalTo(2))
                .body("route", equalTo("smpp:sandbox"))
                .body("price.currency", equalTo("USD"))
                .body("price.unitPrice", equalTo("0.0500"))
                .body("price.total", equalTo("0.1000"))
                .body("warnings", empty());
        quote(t[1], Map.of("to", "0412345678", "from", "Trunkline", "text", "\u4f60\u597d"))
                .then().statusCode(200).body("encoding", equalTo("UCS2")).body("segments", equalTo(1))
                .body("price.total", equalTo("0.0500"));
        String asked = given().get(billingUrl + "/__stub/requests").asString();
        assertTrue(asked.contains("GET /v1/quotes/sms?tenantId=" + t[0] + "&destination=%2B61412345678&segments=2"),
                asked);
        assertEquals(0, db.messageCount(t[0]), "a quote sends nothing");
        assertEquals(0, db.acceptedEventCount(t[0]));
    }

    @Test
    void quoteRefusesExactlyWhatSendRefuses() {
        String[] t = tenantWithKey("Quote invalid");
        List<Map<String, Object>> bodies = List.of(
                Map.of("to", "12", "from", "NotOurs", "text", ""),
                Map.of("to", "+61412345678", "from", "Trunkline", "text", "x".repeat(1600)),
                Map.of("to", "+61412345678", "from", "Trunkline", "text", "hi", "validity", 0,
                        "status_callback", "ftp://x"));
        for (Map<String, Object> body : bodies) {
            Response s = send(t[1], body);
            Response q = quote(t[1], body);
            s.then().statusCode(400);
            q.then().statusCode(400).contentType("application/problem+json");
            assertEquals(s.jsonPath().getList("errors"), q.jsonPath().getList("errors"), body.toString());
        }
        tenant(t[1]).contentType(ContentType.JSON).body("{\"to\":").post("/v1/messages/quote").then().statusCode(400)
                .body("errors[0].field", equalTo("body"));
        given().contentType(ContentType.JSON).body(Map.of("to", "+61412345678", "from", "Trunkline", "text", "x"))
                .post("/v1/messages/quote").then().statusCode(401);
        assertEquals(0, db.messageCount(t[0]));
    }

    @Test
    void billingDownOrWithoutRateGivesNullPriceAndAWarning() {
        String[] t = tenantWithKey("Quote billing down");
        Map<String, String> body = Map.of("to", "+61412345678", "from", "Trunkline", "text", "Hey Jude");
        given().body("close").post(billingUrl + "/__stub/behaviour").then().statusCode(204);
        quote(t[1], body).then().statusCode(200)
                .body("encoding", equalTo("GSM7")).body("segments", equalTo(1)).body("route", equalTo("smpp:sandbox"))
                .body("price", nullValue())
                .body("warnings", hasSize(1)).body("warnings[0]", startsWith("billing-unavailable: "));
        given().body("norate").post(billingUrl + "/__stub/behaviour").then().statusCode(204);
        quote(t[1], body).then().statusCode(200).body("price", nullValue())
                .body("warnings", contains(startsWith("no-rate: ")));
    }

    @Test
    void quoteShowsTheRouteASendWouldTake() {
        String[] t = tenantWithKey("Quote route");
        String gsm = operator().contentType(ContentType.JSON).body(Map.of("prefix", "61", "tenantId", t[0],
                "route", "gsm")).post("/v1/operator/routes").then().statusCode(201).extract().path("id");
        String lcr = operator().contentType(ContentType.JSON).body(Map.of("prefix", "6141", "tenantId", t[0],
                "route", "lcr")).post("/v1/operator/routes").then().statusCode(201).extract().path("id");
        try {
            quote(t[1], Map.of("to", "+61291234567", "from", "Trunkline", "text", "a")).then().statusCode(200)
                    .body("route", equalTo("gsm"));
            quote(t[1], Map.of("to", "+61412345678", "from", "Trunkline", "text", "a")).then().statusCode(200)
                    .body("route", equalTo("smpp:cheapco"));
            given().body("error").post(billingUrl + "/__stub/behaviour").then().statusCode(204);
            quote(t[1], Map.of("to", "+61412345678", "from", "Trunkline", "text", "a")).then().statusCode(200)
                    .body("route", equalTo("smpp:sandbox")).body("price", nullValue())
                    .body("warnings", hasSize(2));
        } finally {
            operator().delete("/v1/operator/routes/{id}", gsm).then().statusCode(204);
            operator().delete("/v1/operator/routes/{id}", lcr).then().statusCode(204);
        }
    }
}
