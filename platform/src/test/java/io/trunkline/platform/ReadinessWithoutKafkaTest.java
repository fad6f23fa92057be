package io.trunkline.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.trunkline.testsupport.MySqlTestResource;

/** A service whose broker is unreachable is alive but not ready, so no traffic is routed to it. */
@QuarkusTest
@TestProfile(ReadinessWithoutKafkaTest.NoBroker.class)
@QuarkusTestResource(value = MySqlTestResource.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "database", value = "platform_nokafka"))
class ReadinessWithoutKafkaTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // port 1 on loopback: nothing listens there
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:1", "trunkline.outbox.enabled", "false");
        }
    }

    @Test
    void liveButNotReadyWhileKafkaIsUnreachable() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.findAll { it.status == 'DOWN' }.name", hasItem(org.hamcrest.Matchers.containsString("Kafka broker")))
                .body("checks.findAll { it.status == 'UP' }.name", hasItem(org.hamcrest.Matchers.containsString("Database")));
    }
}
