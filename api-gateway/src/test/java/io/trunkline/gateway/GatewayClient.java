package io.trunkline.gateway;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The gateway's HTTP API as a test's client sees it. */
final class GatewayClient {
    static final String OPERATOR_TOKEN = "dev-operator-token";

    private GatewayClient() {
    }

    static RequestSpecification operator() {
        return given().header("Authorization", "Bearer " + OPERATOR_TOKEN);
    }

    static RequestSpecification tenant(String apiKey) {
        return given().header("Authorization", "Bearer " + apiKey);
    }

    /** A new active tenant (region AU, sender id "Trunkline" unless others are given); returns its id. */
    static String createTenant(String name, String... senderIds) {
        List<String> senders = senderIds.length == 0 ? List.of("Trunkline") : List.of(senderIds);
        return operator().contentType(ContentType.JSON)
                .body(Map.of("name", name, "defaultRegion", "AU", "senderIds", senders))
                .post("/v1/operator/tenants")
                .then().statusCode(201)
                .extract().path("id");
    }

    /** A new API key of the tenant; returns the secret. */
    static String createKey(String tenantId) {
        return operator().contentType(ContentType.JSON)
                .body(Map.of("name", "test"))
                .post("/v1/operator/tenants/{id}/keys", tenantId)
                .then().statusCode(201)
                .extract().path("key");
    }

    /** A tenant and a key for it; returns {tenantId, key}. */
    static String[] tenantWithKey(String name) {
        String id = createTenant(name);
        return new String[] { id, createKey(id) };
    }

    static Response send(String apiKey, Map<String, ?> body) {
        return tenant(apiKey).contentType(ContentType.JSON).body(body).post("/v1/messages");
    }

    static Response sendRaw(String apiKey, String json) {
        return tenant(apiKey).contentType(ContentType.JSON).body(json).post("/v1/messages");
    }

    /** Sends "Hey Jude" to +61412345678 from Trunkline and returns the new message's id. */
    static String sendHeyJude(String apiKey) {
        return send(apiKey, Map.of("to", "+61412345678", "from", "Trunkline", "text", "Hey Jude"))
                .then().statusCode(202).extract().path("id");
    }
}
