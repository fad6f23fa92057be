package io.trunkline.gateway;

import static io.restassured.RestAssured.given;
import static io.trunkline.gateway.GatewayClient.createKey;
import static io.trunkline.gateway.GatewayClient.createTenant;
import static io.trunkline.gateway.GatewayClient.operator;
import static io.trunkline.gateway.GatewayClient.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.trunkline.gateway.service.ApiKeyService;
import io.trunkline.platform.rest.OperatorCredential;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class OperatorApiTest {

    @Inject
    GatewayDatabase db;

    @Test
    void readyWhenKafkaAndDatabaseAreUp() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/messages"))
                .body("paths", org.hamcrest.Matchers.hasKey("/v1/operator/tenants/{id}/keys"));
    }

    @Test
    void operatorApiNeedsTheOperatorToken() {
        given().get("/v1/operator/tenants").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401));
        given().header("Authorization", "Bearer not-the-token").get("/v1/operator/tenants").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Basic ZGV2OmRldg==").get("/v1/operator/tenants").then().statusCode(401);
        // an API key is not an operator token
        String key = createKey(createTenant("Keyholder"));
        tenant(key).get("/v1/operator/tenants").then().statusCode(401);
        // nor is the operator token an API key
        operator().get("/v1/account").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void createsListsSuspendsAndActivatesTenants() {
        Response created = operator().contentType(ContentType.JSON)
                .body(Map.of("name", "Acme", "defaultRegion", "au", "senderIds", List.of("Trunkline", "ACME", "+61400000001")))
                .post("/v1/operator/tenants");
        created.then().statusCode(201)
                .header("Location", containsString("/v1/operator/tenants/"))
                .body("name", equalTo("Acme"))
                .body("defaultRegion", equalTo("AU"))
                .body("senderIds", equalTo(List.of("Trunkline", "ACME", "+61400000001")))
                .body("status", equalTo("active"))
                .body("createdAt", notNullValue());
        String id = created.path("id");
        assertEquals(id, UUID.fromString(id).toString());

        operator().get("/v1/operator/tenants").then().statusCode(200).body("id", hasItem(id));
        operator().get("/v1/operator/tenants/{id}", id).then().statusCode(200).body("name", equalTo("Acme"));

        operator().post("/v1/operator/tenants/{id}/suspend", id).then().statusCode(200).body("status", equalTo("suspended"));
        operator().get("/v1/operator/tenants/{id}", id).then().body("status", equalTo("suspended"));
        operator().post("/v1/operator/tenants/{id}/activate", id).then().statusCode(200).body("status", equalTo("active"));
    }

    @Test
    void invalidTenantRequestsNameEachField() {
        operator().contentType(ContentType.JSON)
                .body(Map.of("name", " ", "defaultRegion", "XX", "senderIds", List.of("Fine", "WayTooLongSenderId", "")))
                .post("/v1/operator/tenants")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("name", "defaultRegion", "senderIds/1", "senderIds/2"))
                .body("errors", hasSize(4));
        operator().contentType(ContentType.JSON).body("{\"name\":")
                .post("/v1/operator/tenants")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("body"));
        operator().contentType(ContentType.JSON).body("{\"name\":\"A\",\"defaultRegion\":\"AU\",\"senderIds\":\"Trunkline\"}")
                .post("/v1/operator/tenants")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("senderIds"));
    }

    @Test
    void unknownTenantIsNotFound() {
        String unknown = UUID.randomUUID().toString();
        operator().get("/v1/operator/tenants/{id}", unknown).then().statusCode(404).contentType("application/problem+json");
        operator().post("/v1/operator/tenants/{id}/suspend", unknown).then().statusCode(404);
        operator().contentType(ContentType.JSON).body(Map.of("name", "ci"))
                .post("/v1/operator/tenants/{id}/keys", unknown).then().statusCode(404);
        operator().get("/v1/operator/tenants/{id}/keys", unknown).then().statusCode(404);
    }

    @Test
    void aKeyIsShownOnlyOnceAndStoredOnlyAsItsHash() {
        String tenantId = createTenant("Hashco");
        Response created = operator().contentType(ContentType.JSON).body(Map.of("name", "ci"))
                .post("/v1/operator/tenants/{id}/keys", tenantId);
        created.then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("name", equalTo("ci"))
                .body("key", matchesPattern("tk_live_[A-Za-z0-9_-]{43}"))
                .body("createdAt", notNullValue());
        String keyId = created.path("id");
        String key = created.path("key");
        String prefix = created.path("prefix");
        assertEquals(key.substring(0, 12), prefix);

        operator().get("/v1/operator/tenants/{id}/keys", tenantId).then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].id", equalTo(keyId))
                .body("[0].name", equalTo("ci"))
                .body("[0].prefix", equalTo(prefix))
                .body("[0].revoked", equalTo(false))
                .body("[0].lastUsedAt", nullValue())
                .body("[0].key", nullValue())
                .body(org.hamcrest.Matchers.not(containsString(key.substring(12))));

        List<Object[]> rows = db.apiKeyRows(tenantId);
        assertEquals(1, rows.size());
        assertEquals(ApiKeyService.hash(key), rows.get(0)[2]);
        for (Object column : rows.get(0)) {
            assertNotEquals(key, column);
            assertEquals(-1, String.valueOf(column).indexOf(key.substring(12)), "no column holds the secret part");
        }
        // a second key is a different secret
        assertNotEquals(key, createKey(tenantId));
    }

    @Test
    void lastUsedAtIsRecordedWithoutWritingOnEveryRequest() {
        String tenantId = createTenant("Usage");
        Response created = operator().contentType(ContentType.JSON).body(Map.of("name", "ci"))
                .post("/v1/operator/tenants/{id}/keys", tenantId);
        String keyId = created.path("id");
        String key = created.path("key");
        assertNull(db.apiKey(keyId).lastUsedAt);

        tenant(key).get("/v1/account").then().statusCode(200);
        Instant first = db.apiKey(keyId).lastUsedAt;
        assertNotNull(first);
        tenant(key).get("/v1/account").then().statusCode(200);
        tenant(key).get("/v1/messages").then().statusCode(200);
        assertEquals(first, db.apiKey(keyId).lastUsedAt, "used again within the interval: not rewritten");
        operator().get("/v1/operator/tenants/{id}/keys", tenantId).then().body("[0].lastUsedAt", notNullValue());
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        String tenantId = createTenant("Revoker");
        Response created = operator().contentType(ContentType.JSON).body(Map.of("name", "ci"))
                .post("/v1/operator/tenants/{id}/keys", tenantId);
        String keyId = created.path("id");
        String key = created.path("key");
        String other = createKey(tenantId);
        tenant(key).get("/v1/account").then().statusCode(200);

        operator().delete("/v1/operator/tenants/{id}/keys/{keyId}", tenantId, keyId).then().statusCode(204);
        operator().delete("/v1/operator/tenants/{id}/keys/{keyId}", tenantId, keyId).then().statusCode(204);

        tenant(key).get("/v1/account").then().statusCode(401).contentType("application/problem+json");
        GatewayClient.send(key, Map.of("to", "+61412345678", "from", "Trunkline", "text", "x"))
                .then().statusCode(401).contentType("application/problem+json");
        tenant(other).get("/v1/account").then().statusCode(200);
        operator().get("/v1/operator/tenants/{id}/keys", tenantId).then()
                .body("find { it.id == '" + keyId + "' }.revoked", equalTo(true))
                .body("find { it.id == '" + keyId + "' }.revokedAt", notNullValue());

        // a key of another tenant cannot be revoked through this one
        String stranger = createTenant("Stranger");
        operator().delete("/v1/operator/tenants/{id}/keys/{keyId}", stranger, keyId).then().statusCode(404);
    }

    @Test
    void aSuspendedTenantIsForbiddenUntilActivated() {
        String tenantId = createTenant("Sleeper");
        String key = createKey(tenantId);
        operator().post("/v1/operator/tenants/{id}/suspend", tenantId).then().statusCode(200);

        tenant(key).get("/v1/account").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", containsString("tenant-suspended"))
                .body("detail", containsString("suspended"));
        GatewayClient.send(key, Map.of("to", "+61412345678", "from", "Trunkline", "text", "x"))
                .then().statusCode(403).contentType("application/problem+json");

        operator().post("/v1/operator/tenants/{id}/activate", tenantId).then().statusCode(200);
        tenant(key).get("/v1/account").then().statusCode(200).body("tenantId", equalTo(tenantId));
    }

    @Test
    void tenantApiNeedsAValidKey() {
        given().get("/v1/account").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        given().get("/v1/messages").then().statusCode(401).contentType("application/problem+json");
        tenant("tk_live_" + "A".repeat(43)).get("/v1/account").then().statusCode(401)
                .contentType("application/problem+json");
        tenant("garbage").get("/v1/messages/whatever").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("to", "+61412345678", "from", "Trunkline", "text", "x"))
                .post("/v1/messages").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theOperatorTokenActsForTheTenantTheHeaderNamesAndForNoOther() {
        String a = createTenant("Acting A");
        String keyA = createKey(a);
        String b = createTenant("Acting B");
        String keyB = createKey(b);
        String mine = GatewayClient.sendHeyJude(keyA);

        operator().header(OperatorCredential.ACT_FOR_TENANT, a).get("/v1/messages/{id}", mine).then().statusCode(200)
                .body("id", equalTo(mine));
        operator().header(OperatorCredential.ACT_FOR_TENANT, b).get("/v1/messages/{id}", mine).then().statusCode(404);
        operator().header(OperatorCredential.ACT_FOR_TENANT, a).get("/v1/account").then().statusCode(200)
                .body("tenantId", equalTo(a));

        String sent = operator().header(OperatorCredential.ACT_FOR_TENANT, b).contentType(ContentType.JSON)
                .body(Map.of("to", "+61412345678", "from", "Trunkline", "text", "From the portal"))
                .post("/v1/messages").then().statusCode(202).extract().path("id");
        tenant(keyB).get("/v1/messages/{id}", sent).then().statusCode(200).body("text", equalTo("From the portal"));
        tenant(keyA).get("/v1/messages/{id}", sent).then().statusCode(404);
    }

    @Test
    void actingForATenantIsTheOperatorsAloneAndRespectsSuspension() {
        String a = createTenant("Acting C");
        String keyA = createKey(a);
        String b = createTenant("Acting D");

        // a key acts for its own tenant whatever the header says
        tenant(keyA).header(OperatorCredential.ACT_FOR_TENANT, b).get("/v1/account").then().statusCode(200)
                .body("tenantId", equalTo(a));
        given().header("Authorization", "Bearer wrong").header(OperatorCredential.ACT_FOR_TENANT, b)
                .get("/v1/messages").then().statusCode(401);
        operator().header(OperatorCredential.ACT_FOR_TENANT, UUID.randomUUID().toString()).get("/v1/account")
                .then().statusCode(403).body("type", containsString("unknown-tenant"));
        operator().get("/v1/account").then().statusCode(401);

        operator().post("/v1/operator/tenants/{id}/suspend", b).then().statusCode(200);
        operator().header(OperatorCredential.ACT_FOR_TENANT, b).get("/v1/account").then().statusCode(403)
                .body("type", containsString("tenant-suspended"));
        operator().post("/v1/operator/tenants/{id}/activate", b).then().statusCode(200);
        operator().header(OperatorCredential.ACT_FOR_TENANT, b).get("/v1/account").then().statusCode(200);
    }
}
