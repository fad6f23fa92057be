package io.trunkline.gateway;

import static io.trunkline.gateway.GatewayClient.tenant;
import static io.trunkline.gateway.GatewayClient.tenantWithKey;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.trunkline.events.CallKind;
import io.trunkline.events.CallRequested;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.Topics;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class VerificationApiTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROBLEM = "application/problem+json";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    VerificationDatabase db;

    @Test
    void theSmsCarriesTheCodeAndTheRightCodeApprovesOnce() {
        String[] t = tenantWithKey("Otp sms");
        Response created = start(t[1], Map.of("to", "+61412345601", "reference", "signup-1"));
        created.then().statusCode(201).contentType("application/json")
                .header("Location", endsWith("/v1/verifications/" + created.path("id")))
                .body("to", equalTo("+61412345601"))
                .body("channel", equalTo("sms"))
                .body("status", equalTo("pending"))
                .body("locale", equalTo("en"))
                .body("code_length", equalTo(6))
                .body("attempts_left", equalTo(5))
                .body("reference", equalTo("signup-1"))
                .body("expires_at", notNullValue())
                .body("message_id", notNullValue())
                .body("code", nullValue());
        String id = created.path("id");
        String messageId = created.path("message_id");
        Instant createdAt = Instant.parse(created.path("created_at"));
        assertEquals(createdAt.plusSeconds(600), Instant.parse(created.path("expires_at")));

        // the phone gets the SMS: read the code from its text, as the user would
        SmsAccepted sms = smsOf(messageId);
        assertEquals(t[0], sms.tenantId());
        assertEquals("+61412345601", sms.to());
        assertEquals("Trunkline", sms.from(), "the account's first sender id");
        assertEquals(createdAt.plusSeconds(600), sms.validUntil(), "not delivered after the code expired");
        String code = code(sms.text(), 6);
        assertEquals("Your verification code is " + code + ". Do not share it with anyone.", sms.text());
        assertFalse(created.asString().contains(code), created.asString());

        // neither the stored code hash nor the message API shows the code
        assertNotEquals(code, db.codeHash(id));
        assertFalse(db.codeHash(id).contains(code));
        assertEquals("Your verification code is ******. Do not share it with anyone.", db.messageBody(messageId));
        Response message = tenant(t[1]).get("/v1/messages/{id}", messageId);
        message.then().statusCode(200).body("to", equalTo("+61412345601"));
        assertFalse(message.asString().contains(code), message.asString());

        Response got = tenant(t[1]).get("/v1/verifications/{id}", id);
        got.then().statusCode(200).body("status", equalTo("pending")).body("message_id", equalTo(messageId));
        assertFalse(got.asString().contains(code));

        Response wrong = check(t[1], id, wrongFor(code));
        wrong.then().statusCode(200).body("status", equalTo("pending")).body("valid", equalTo(false))
                .body("attempts_left", equalTo(4));

        Response right = check(t[1], id, code);
        right.then().statusCode(200).body("id", equalTo(id)).body("status", equalTo("approved"))
                .body("valid", equalTo(true));
        assertFalse(right.asString().contains(code));

        // an approved verification cannot be approved again
        check(t[1], id, code).then().statusCode(409).contentType(PROBLEM)
                .body("type", endsWith("/verification-not-pending"))
                .body("errors[0].field", equalTo("id"))
                .body("detail", containsString("approved"));
        Response after = tenant(t[1]).get("/v1/verifications/{id}", id);
        after.then().statusCode(200).body("status", equalTo("approved"));
        assertFalse(after.asString().contains(code));
    }

    @Test
    void wrongCodesUpToTheLimitThenEvenTheRightCodeIsRefused() {
        String[] t = tenantWithKey("Otp attempts");
        Response created = start(t[1], Map.of("to", "+61412345602", "code_length", 8));
        created.then().statusCode(201).body("code_length", equalTo(8));
        String id = created.path("id");
        String code = code(smsOf(created.path("message_id")).text(), 8);
        String wrong = wrongFor(code);

        for (int left = 4; left >= 1; left--) {
            check(t[1], id, wrong).then().statusCode(200).body("status", equalTo("pending"))
                    .body("valid", equalTo(false)).body("attempts_left", equalTo(left));
        }
        check(t[1], id, wrong).then().statusCode(200).body("status", equalTo("max_attempts_reached"))
                .body("valid", equalTo(false)).body("attempts_left", equalTo(0));

        check(t[1], id, code).then().statusCode(409).contentType(PROBLEM)
                .body("type", endsWith("/verification-not-pending"))
                .body("detail", containsString("max_attempts_reached"));
        tenant(t[1]).get("/v1/verifications/{id}", id).then().statusCode(200)
                .body("status", equalTo("max_attempts_reached")).body("attempts_left", equalTo(0));
        assertEquals(5, db.attempts(id));
    }

    @Test
    void aVerificationExpiresAfterItsTtlAndThenRefusesTheCode() {
        String[] t = tenantWithKey("Otp expiry");
        Response created = start(t[1], Map.of("to", "+61412345603", "ttl", 1));
        created.then().statusCode(201);
        String id = created.path("id");
        String code = code(smsOf(created.path("message_id")).text(), 6);

        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> "expired".equals(
                tenant(t[1]).get("/v1/verifications/{id}", id).then().statusCode(200).extract().path("status")));
        check(t[1], id, code).then().statusCode(409).body("type", endsWith("/verification-not-pending"))
                .body("detail", containsString("expired"));
        tenant(t[1]).get("/v1/verifications/{id}", id).then().body("status", equalTo("expired"))
                .body("attempts_left", equalTo(0));

        // without any read, the sweep (every 1 s in tests) expires a verification too
        Response unread = start(t[1], Map.of("to", "+61412345615", "ttl", 1));
        unread.then().statusCode(201);
        String unreadId = unread.path("id");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> "EXPIRED".equals(db.status(unreadId)));
        tenant(t[1]).get("/v1/verifications/{id}", unreadId).then().body("status", equalTo("expired"));
    }

    @Test
    void aNewVerificationToTheNumberCancelsThePendingOne() {
        String[] t = tenantWithKey("Otp replace");
        Response first = start(t[1], Map.of("to", "+61412345604"));
        first.then().statusCode(201);
        String firstId = first.path("id");
        String firstCode = code(smsOf(first.path("message_id")).text(), 6);

        // national format in the tenant's region (AU) is the same number
        Response second = start(t[1], Map.of("to", "0412345604"));
        second.then().statusCode(201).body("to", equalTo("+61412345604")).body("status", equalTo("pending"));
        String secondId = second.path("id");
        String secondCode = code(smsOf(second.path("message_id")).text(), 6);

        tenant(t[1]).get("/v1/verifications/{id}", firstId).then().statusCode(200)
                .body("status", equalTo("canceled"));
        check(t[1], firstId, firstCode).then().statusCode(409).body("detail", containsString("canceled"));
        check(t[1], secondId, secondCode).then().statusCode(200).body("status", equalTo("approved"));

        // and one can be canceled by the API
        Response third = start(t[1], Map.of("to", "+61412345604"));
        String thirdId = third.path("id");
        tenant(t[1]).post("/v1/verifications/{id}/cancel", thirdId).then().statusCode(200)
                .body("status", equalTo("canceled"));
        tenant(t[1]).post("/v1/verifications/{id}/cancel", thirdId).then().statusCode(409)
                .contentType(PROBLEM).body("type", endsWith("/verification-not-pending"));
        check(t[1], thirdId, code(smsOf(third.path("message_id")).text(), 6)).then().statusCode(409);
    }

    @Test
    void aConcurrentBurstToOneNumberIsCutAtTheLimitWith429() throws Exception {
        String[] t = tenantWithKey("Otp burst");
        int n = 8;
        List<Response> answers = concurrently(n, () -> start(t[1], Map.of("to", "+61412345605")));
        int started = 0;
        for (Response r : answers) {
            if (r.statusCode() == 201) {
                started++;
            } else {
                assertEquals(429, r.statusCode(), r.asString());
                assertEquals(PROBLEM, r.contentType());
                assertTrue(r.<String>path("type").endsWith("/verification-rate-limited"), r.asString());
                assertEquals("to", r.path("errors[0].field"));
                long retryAfter = Long.parseLong(r.header("Retry-After"));
                assertTrue(retryAfter >= 1 && retryAfter <= 600, "Retry-After " + retryAfter);
            }
        }
        assertEquals(5, started, "number-max is 5 per 10 min");
        assertEquals(5, db.verificationCount(t[0]), "a refused start stores nothing");
        assertEquals(5, countSms(t[0], "+61412345605"), "and sends nothing");

        // another number of the same tenant is still served; a refused start names the limit
        start(t[1], Map.of("to", "+61412345606")).then().statusCode(201);
        start(t[1], Map.of("to", "+61412345605")).then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("detail", containsString("this number"));
    }

    @Test
    void manyNumbersOfOnePrefixAreCutAtThePrefixLimit() {
        String[] t = tenantWithKey("Otp pumping");
        // prefix-length 6: +614123 (20 per 10 min); every number differs, so the per-number limit never bites
        for (int i = 0; i < 20; i++) {
            start(t[1], Map.of("to", String.format("+614123457%02d", i))).then().statusCode(201);
        }
        start(t[1], Map.of("to", "+61412345799")).then().statusCode(429).contentType(PROBLEM)
                .header("Retry-After", notNullValue())
                .body("type", endsWith("/verification-rate-limited"))
                .body("errors[0].field", equalTo("to"))
                .body("detail", containsString("+614123"));
        // another prefix is not affected
        start(t[1], Map.of("to", "+61498765432")).then().statusCode(201);
    }

    @Test
    void theCallChannelPublishesASpeechCallThatSpeaksTheCode() {
        String[] t = tenantWithKey("Otp call");
        Response created = start(t[1], Map.of("to", "+61412345607", "channel", "call", "code_length", 4,
                "from", "+61299990000", "reference", "login-7"));
        created.then().statusCode(201).body("channel", equalTo("call")).body("status", equalTo("pending"))
                .body("call_id", notNullValue()).body("message_id", nullValue());
        String id = created.path("id");
        String callId = created.path("call_id");

        List<EventEnvelope<CallRequested>> seen = TestTopics.await(bootstrap, Topics.CALL_REQUESTS,
                CallRequested.class, c -> c.callId().equals(callId), WAIT);
        EventEnvelope<CallRequested> env = seen.get(seen.size() - 1);
        assertEquals(t[0], env.headers().tenantId());
        CallRequested call = env.payload();
        assertEquals(CallKind.SPEECH_BROADCAST, call.kind());
        assertEquals(List.of("+61412345607"), call.customers());
        assertEquals(List.of(), call.agents());
        assertEquals("+61299990000", call.callerId());
        assertEquals("female-en-US", call.voice());
        assertEquals("login-7", call.reference());
        assertEquals(Instant.parse(created.path("expires_at")), call.deadline());
        Matcher spoken = Pattern.compile("(\\d), (\\d), (\\d), (\\d)\\.").matcher(call.speechText());
        assertTrue(spoken.find(), call.speechText());
        String code = spoken.group(1) + spoken.group(2) + spoken.group(3) + spoken.group(4);
        assertEquals("Your verification code is " + spoken.group() + " Again, your code is " + spoken.group(),
                call.speechText(), "the digits are spoken one by one, twice");
        assertFalse(created.asString().contains(code));
        assertEquals(0, countSms(t[0], "+61412345607"), "no SMS for a call");

        check(t[1], id, code).then().statusCode(200).body("status", equalTo("approved"));

        // a locale without a voice is refused for calls (voice-service reads English only), and stores nothing
        start(t[1], Map.of("to", "+61412345608", "channel", "call", "locale", "de")).then().statusCode(400)
                .body("errors.field", hasItems("locale"));
        assertEquals(1, db.callEventCount(t[0]));
    }

    @Test
    void ownTemplateAndLocaleShapeTheText() {
        String[] t = tenantWithKey("Otp texts");
        Response fr = start(t[1], Map.of("to", "+61412345609", "locale", "fr"));
        fr.then().statusCode(201).body("locale", equalTo("fr"));
        String frText = smsOf(fr.path("message_id")).text();
        assertEquals("Votre code de vérification est " + code(frText, 6) + ". Ne le communiquez à personne.", frText);

        Response own = start(t[1], Map.of("to", "+61412345610", "template", "Acme: {code} is your login code ({code})",
                "code_length", 5, "locale", "de-AT"));
        own.then().statusCode(201).body("locale", equalTo("de-AT"));
        String text = smsOf(own.path("message_id")).text();
        String code = code(text, 5);
        assertEquals("Acme: " + code + " is your login code (" + code + ")", text);
    }

    @Test
    void badRequestsNameEveryFieldAndStoreNothing() {
        String[] t = tenantWithKey("Otp invalid");
        Map<String, Object> body = new HashMap<>();
        body.put("to", "12");
        body.put("channel", "fax");
        body.put("code_length", 3);
        body.put("ttl", 0);
        body.put("template", "no placeholder");
        body.put("locale", "pt");
        body.put("reference", "x".repeat(256));
        start(t[1], body).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("to", "channel", "code_length", "ttl", "template", "locale",
                        "reference"));
        start(t[1], Map.of("to", "+61412345611", "code_length", 11, "ttl", 3601)).then().statusCode(400)
                .body("errors.field", hasItems("code_length", "ttl"));
        start(t[1], Map.of("to", "+61412345611", "from", "NotAllowed")).then().statusCode(400)
                .body("errors.field", hasItems("from"));
        start(t[1], Map.of("to", "+61412345611", "template", "{code}" + "x".repeat(700))).then().statusCode(400)
                .body("errors.field", hasItems("template"));
        start(t[1], Map.of("code_length", "six")).then().statusCode(400).body("errors[0].field",
                equalTo("code_length"));
        tenant(t[1]).contentType(ContentType.JSON).body("{").post("/v1/verifications").then().statusCode(400)
                .body("errors[0].field", equalTo("body"));
        assertEquals(0, db.verificationCount(t[0]));
        assertEquals(0, countSms(t[0], "+61412345611"));

        String id = start(t[1], Map.of("to", "+61412345611")).then().statusCode(201).extract().path("id");
        check(t[1], id, "12a4").then().statusCode(400).body("errors[0].field", equalTo("code"));
        tenant(t[1]).contentType(ContentType.JSON).body("{}").post("/v1/verifications/{id}/check", id).then()
                .statusCode(400).body("errors[0].field", equalTo("code"));
        assertEquals(0, db.attempts(id), "a malformed code is not an attempt");

        given401();
    }

    private static void given401() {
        io.restassured.RestAssured.given().contentType(ContentType.JSON).body(Map.of("to", "+61412345611"))
                .post("/v1/verifications").then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void anotherTenantCannotReadCheckOrCancelAVerification() {
        String[] a = tenantWithKey("Otp owner");
        String[] b = tenantWithKey("Otp other");
        Response created = start(a[1], Map.of("to", "+61412345612"));
        String id = created.path("id");
        String code = code(smsOf(created.path("message_id")).text(), 6);

        tenant(b[1]).get("/v1/verifications/{id}", id).then().statusCode(404).contentType(PROBLEM);
        check(b[1], id, code).then().statusCode(404).contentType(PROBLEM);
        tenant(b[1]).post("/v1/verifications/{id}/cancel", id).then().statusCode(404).contentType(PROBLEM);
        tenant(b[1]).get("/v1/verifications/{id}", "no-such-id").then().statusCode(404);

        tenant(a[1]).get("/v1/verifications/{id}", id).then().statusCode(200).body("status", equalTo("pending"))
                .body("attempts_left", equalTo(5));
        check(a[1], id, code).then().statusCode(200).body("status", equalTo("approved"));
    }

    @Test
    void concurrentChecksNeitherBothPassNorExceedTheAttempts() throws Exception {
        String[] t = tenantWithKey("Otp races");
        Response created = start(t[1], Map.of("to", "+61412345613"));
        String id = created.path("id");
        String code = code(smsOf(created.path("message_id")).text(), 6);

        List<Response> rights = concurrently(6, () -> check(t[1], id, code));
        assertEquals(1, rights.stream().filter(r -> r.statusCode() == 200).count(), "exactly one approval");
        assertTrue(rights.stream().allMatch(r -> r.statusCode() == 200 || r.statusCode() == 409));

        Response other = start(t[1], Map.of("to", "+61412345614"));
        String otherId = other.path("id");
        String wrong = wrongFor(code(smsOf(other.path("message_id")).text(), 6));
        List<Response> wrongs = concurrently(9, () -> check(t[1], otherId, wrong));
        assertEquals(5, wrongs.stream().filter(r -> r.statusCode() == 200).count(), "five wrong checks counted");
        assertEquals(4, wrongs.stream().filter(r -> r.statusCode() == 409).count(), "the rest refused");
        assertEquals(1, wrongs.stream().filter(r -> r.statusCode() == 200
                && "max_attempts_reached".equals(r.path("status"))).count());
        assertEquals(5, db.attempts(otherId));
    }

    private static Response start(String key, Map<String, ?> body) {
        return tenant(key).contentType(ContentType.JSON).body(body).post("/v1/verifications");
    }

    private static Response check(String key, String id, String code) {
        return tenant(key).contentType(ContentType.JSON).body(Map.of("code", code))
                .post("/v1/verifications/{id}/check", id);
    }

    private SmsAccepted smsOf(String messageId) {
        List<EventEnvelope<SmsAccepted>> seen = TestTopics.await(bootstrap, Topics.SMS_OUTBOUND, SmsAccepted.class,
                e -> e.messageId().equals(messageId), WAIT);
        return seen.get(seen.size() - 1).payload();
    }

    private long countSms(String tenantId, String to) {
        return db.messagesTo(tenantId, to);
    }

    /** The first run of exactly {@code length} digits in the text. */
    private static String code(String text, int length) {
        Matcher m = Pattern.compile("(?<!\\d)\\d{" + length + "}(?!\\d)").matcher(text);
        assertTrue(m.find(), "no " + length + "-digit code in: " + text);
        return m.group();
    }

    /** A code of the same length that is not the right one. */
    private static String wrongFor(String code) {
        char first = code.charAt(0);
        return (char) ('0' + (first - '0' + 1) % 10) + code.substring(1);
    }

    private static List<Response> concurrently(int n, Callable<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
