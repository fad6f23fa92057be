package io.trunkline.gateway;

import static io.restassured.RestAssured.given;
import static io.trunkline.gateway.GatewayClient.operator;
import static io.trunkline.gateway.GatewayClient.tenantWithKey;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.Topics;
import io.trunkline.gateway.rest.KannelSendSmsResource;
import io.trunkline.gateway.rest.WorkerFallbacks;
import io.trunkline.gateway.service.AcceptCaches;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/** Kannel's /cgi-bin/sendsms over HTTP, onto the real send path: database, outbox and sms.outbound. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class KannelSendSmsApiTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    GatewayDatabase db;

    @Inject
    AcceptCaches caches;

    @Inject
    MeterRegistry registry;

    static String enc(String s) {
        return enc(s, StandardCharsets.UTF_8);
    }

    static String enc(String s, Charset cs) {
        return URLEncoder.encode(s, cs);
    }

    /** GET with the query exactly as given (already percent-encoded). */
    static Response get(String rawQuery) {
        return given().urlEncodingEnabled(false).get("/cgi-bin/sendsms?" + rawQuery);
    }

    static String creds(String[] t) {
        return "username=" + enc(t[0]) + "&password=" + enc(t[1]);
    }

    SmsAccepted awaitAccepted(String id) {
        List<EventEnvelope<SmsAccepted>> seen = TestTopics.await(bootstrap, Topics.SMS_OUTBOUND, SmsAccepted.class,
                e -> e.messageId().equals(id), WAIT);
        return seen.get(seen.size() - 1).payload();
    }

    @Test
    void aSendViaCgiBinIsAcceptedAndPublished() {
        String[] t = tenantWithKey("Kannel send");
        Response r = get(creds(t) + "&from=Trunkline&to=" + enc("+61412345678") + "&text=Hey+Jude&binfo=inv-7");
        r.then().statusCode(202).contentType(startsWith("text/plain")).body(equalTo("0: Accepted for delivery"));
        String id = r.header(KannelSendSmsResource.MESSAGE_ID_HEADER);
        assertNotNull(id);
        SmsAccepted sms = awaitAccepted(id);
        assertEquals(t[0], sms.tenantId());
        assertEquals("+61412345678", sms.to());
        assertEquals("Trunkline", sms.from());
        assertEquals("Hey Jude", sms.text());
        assertEquals(SmsEncoding.GSM7, sms.encoding());
        assertEquals("inv-7", sms.reference());
        // the message is the tenant's own, as through POST /v1/messages
        GatewayClient.tenant(t[1]).get("/v1/messages/{id}", id).then().statusCode(200).body("status", equalTo("queued"));
    }

    @Test
    void textIsDecodedWithTheCharsetAndCoding2ForcesUcs2() {
        String[] t = tenantWithKey("Kannel charset");
        // ISO-8859-1 bytes %FC and %DF: "Grüße" (GSM-7 has ü but not ß, so UCS-2)
        Response latin = get(creds(t) + "&from=Trunkline&to=%2B61412345678&charset=ISO-8859-1&text="
                + enc("Grüße", StandardCharsets.ISO_8859_1));
        latin.then().statusCode(202);
        SmsAccepted a = awaitAccepted(latin.header(KannelSendSmsResource.MESSAGE_ID_HEADER));
        assertEquals("Grüße", a.text());

        // coding=2 on a GSM-7 text: UCS-2 all the same; without charset the text is UTF-16BE, as in Kannel
        Response ucs2 = get(creds(t) + "&from=Trunkline&to=%2B61412345678&coding=2&text=%00H%00e%00y");
        ucs2.then().statusCode(202);
        SmsAccepted b = awaitAccepted(ucs2.header(KannelSendSmsResource.MESSAGE_ID_HEADER));
        assertEquals("Hey", b.text());
        assertEquals(SmsEncoding.UCS2, b.encoding());
        assertEquals(1, b.segments());

        // the same text without coding is GSM-7
        Response plain = get(creds(t) + "&from=Trunkline&to=%2B61412345678&text=Hey");
        assertEquals(SmsEncoding.GSM7, awaitAccepted(plain.header(KannelSendSmsResource.MESSAGE_ID_HEADER)).encoding());

        // coding=2 with charset=UTF-8: 71 GSM characters are one GSM-7 segment but two UCS-2 ones
        Response two = get(creds(t) + "&from=Trunkline&to=%2B61412345678&coding=2&charset=UTF-8&text=" + "a".repeat(71));
        two.then().statusCode(202);
        SmsAccepted c = awaitAccepted(two.header(KannelSendSmsResource.MESSAGE_ID_HEADER));
        assertEquals(SmsEncoding.UCS2, c.encoding());
        assertEquals(2, c.segments());
    }

    @Test
    void usernameMayBeTheKeyIdAndAFormPostWorks() {
        String tenantId = GatewayClient.createTenant("Kannel key id");
        Response key = operator().contentType(ContentType.JSON).body(Map.of("name", "kannel"))
                .post("/v1/operator/tenants/{id}/keys", tenantId);
        String keyId = key.path("id");
        String secret = key.path("key");
        Response r = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .body("username=" + enc(keyId) + "&password=" + enc(secret) + "&from=Trunkline&to=%2B61412345678"
                        + "&text=" + enc("Hey Jude, form"))
                .post("/cgi-bin/sendsms");
        r.then().statusCode(202).body(equalTo("0: Accepted for delivery"));
        assertEquals("Hey Jude, form", awaitAccepted(r.header(KannelSendSmsResource.MESSAGE_ID_HEADER)).text());
    }

    @Test
    void wrongCredentialsAre403InKannelsWords() {
        String[] t = tenantWithKey("Kannel auth");
        String[] other = tenantWithKey("Kannel other");
        String base = "&from=Trunkline&to=%2B61412345678&text=Hey";
        get("username=" + t[0] + "&password=" + enc(t[1].substring(0, t[1].length() - 1) + "x") + base)
                .then().statusCode(403).body(equalTo("Authorization failed for sendsms"));
        get("username=" + other[0] + "&password=" + enc(t[1]) + base)
                .then().statusCode(403).body(equalTo("Authorization failed for sendsms"));
        get("password=" + enc(t[1]) + base).then().statusCode(403);
        operator().post("/v1/operator/tenants/{id}/suspend", t[0]).then().statusCode(200);
        get(creds(t) + base).then().statusCode(403).body(startsWith("Authorization failed for sendsms"));
        assertEquals(0, db.messageCount(t[0]));
    }

    @Test
    void badInputIs400InKannelsWords() {
        String[] t = tenantWithKey("Kannel bad");
        get(creds(t) + "&from=Trunkline&text=Hey").then().statusCode(400).contentType(startsWith("text/plain"))
                .body(equalTo("Missing receiver number, rejected"));
        get(creds(t) + "&to=%2B61412345678&text=Hey").then().statusCode(400)
                .body(equalTo("Sender missing and no global set, rejected"));
        get(creds(t) + "&from=Trunkline&to=%2B61412345678&text=Hey&coding=7").then().statusCode(400)
                .body(startsWith("Coding field misformed"));
        get(creds(t) + "&from=Trunkline&to=%2B61412345678&text=Hey&udh=%06%05%04%0B%84%23%F0").then().statusCode(400)
                .body(startsWith("UDH field not supported"));
        get(creds(t) + "&from=Trunkline&to=12&text=Hey").then().statusCode(400).body(startsWith("Invalid Receiver"));
        get(creds(t) + "&from=Trunkline&to=%2B61412345678&charset=NOPE-9&text=Hey").then().statusCode(400)
                .body(startsWith("Charset or body misformed"));
        assertEquals(0, db.messageCount(t[0]), "nothing stored for a refused request");
    }

    @Test
    void theTenantsRateLimitApplies() {
        String[] t = tenantWithKey("Kannel limit");
        operator().contentType(ContentType.JSON).body("{\"messagesPerSecond\": 1, \"burst\": 1}")
                .put("/v1/operator/tenants/{id}/limits", t[0]).then().statusCode(200);
        Response refused = null;
        int accepted = 0;
        for (int i = 0; i < 30 && refused == null; i++) {
            Response r = get(creds(t) + "&from=Trunkline&to=%2B61412345678&text=Hey");
            if (r.statusCode() == 429) {
                refused = r;
            } else {
                assertEquals(202, r.statusCode(), r.asString());
                accepted++;
            }
        }
        assertNotNull(refused);
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1);
        assertEquals(accepted, db.messageCount(t[0]));
    }
    @Test
    void warmSendsStayOnTheEventLoopAndAColdCacheCostsNoExtraToken() {
        String[] t = tenantWithKey("Kannel event loop");
        operator().contentType(ContentType.JSON).body("{\"messagesPerSecond\": 1, \"burst\": 4}")
                .put("/v1/operator/tenants/{id}/limits", t[0]).then().statusCode(200);
        String send = creds(t) + "&from=Trunkline&to=%2B61412345678&text=Hey";
        double before = onWorker();
        // the first send finds nothing cached: the key is verified (and its use recorded) on a worker thread
        get(send).then().statusCode(202);
        assertEquals(before + 1, onWorker());
        // everything it needs is now cached: answered on the event loop
        get(send).then().statusCode(202);
        assertEquals(before + 1, onWorker());
        // the balance is no longer cached: the attempt on the event loop took a token before it found that out, gave
        // it back, and the send took one on the worker thread; so the burst of 4 admits exactly 4
        caches.balanceChanged(t[0]);
        get(send).then().statusCode(202);
        assertEquals(before + 2, onWorker());
        caches.balanceChanged(t[0]);
        get(send).then().statusCode(202);
        assertEquals(before + 3, onWorker());
        get(send).then().statusCode(429);
        assertEquals(4, db.messageCount(t[0]));
    }

    private double onWorker() {
        return registry.counter(WorkerFallbacks.METRIC, "step", "sendsms").count();
    }
}
