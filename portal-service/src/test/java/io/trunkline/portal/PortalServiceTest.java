package io.trunkline.portal;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.portal.repository.PortalSessionRepository;
import io.trunkline.portal.repository.PortalUserRepository;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "portal_test"))
class PortalServiceTest {

    @Inject
    EntityManager em;

    @Inject
    PortalUserRepository users;

    @Inject
    PortalSessionRepository sessions;

    @Test
    void readyWhenKafkaAndDatabaseAreUp() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString("Database")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP")); // k8s startupProbe
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void aboutPageSaysWhatThePortalOffersAndLinksTheApiDocs() {
        String html = given().get("/about.html").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<title>Trunkline portal</title>"))
                .body(containsString("Follow-me numbers"))
                .body(containsString("API keys"))
                .extract().asString();
        for (int port : List.of(8080, 8081, 8082, 8083, 8084)) {
            assertTrue(html.contains("href=\"http://localhost:" + port + "/q/openapi\""), "links API docs on " + port);
        }
        assertTrue(html.contains("href=\"/q/openapi\""), "links its own API docs");
    }

    @Test
    void migrationCreatesUsersAndSessions() {
        List<?> tables = em.createNativeQuery("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = DATABASE() AND table_name IN ('portal_user', 'portal_session')")
                .getResultList();
        assertEquals(2, tables.size(), "portal_user and portal_session exist: " + tables);

        String email = "ops-" + UUID.randomUUID() + "@tenant-a.example";
        PortalUser user = inTx(() -> {
            PortalUser u = user("tenant-a", email);
            users.persist(u);
            PortalSession s = new PortalSession();
            s.id = UUID.randomUUID().toString();
            s.userId = u.id;
            s.tokenHash = "a".repeat(64);
            s.createdAt = Instant.now();
            s.lastSeenAt = s.createdAt;
            s.expiresAt = s.createdAt.plus(8, ChronoUnit.HOURS);
            sessions.persist(s);
            return u;
        });
        inTx(() -> {
            PortalUser found = users.findByEmail(email.toUpperCase()).orElseThrow();
            assertEquals(user.id, found.id);
            assertEquals(PortalUser.Role.TENANT_ADMIN, found.role);
            assertEquals(1, sessions.count("userId", user.id));
            return null;
        });

        // e-mail is unique across the portal
        assertThrows(RuntimeException.class, () -> inTx(() -> {
            users.persist(user("tenant-b", email));
            users.flush();
            return null;
        }));
        // a session belongs to an existing user
        assertThrows(RuntimeException.class, () -> inTx(() -> {
            PortalSession orphan = new PortalSession();
            orphan.id = UUID.randomUUID().toString();
            orphan.userId = "no-such-user";
            orphan.tokenHash = "b".repeat(64);
            orphan.createdAt = Instant.now();
            orphan.lastSeenAt = orphan.createdAt;
            orphan.expiresAt = orphan.createdAt.plus(1, ChronoUnit.HOURS);
            sessions.persist(orphan);
            sessions.flush();
            return null;
        }));
        assertEquals(1L, inTx(() -> users.count("email", email)));
    }

    private static PortalUser user(String tenant, String email) {
        PortalUser u = new PortalUser();
        u.id = UUID.randomUUID().toString();
        u.tenantId = tenant;
        u.email = email.toLowerCase();
        u.passwordHash = "$2b$12$abcdefghijklmnopqrstuuJ0ZqzY1yFh6tGQ2uYH8wH8d1p7E0x2S";
        u.role = PortalUser.Role.TENANT_ADMIN;
        u.createdAt = Instant.now();
        return u;
    }

    private static <T> T inTx(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }
}
