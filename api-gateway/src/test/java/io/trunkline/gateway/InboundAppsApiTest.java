package io.trunkline.gateway;

import static io.trunkline.gateway.GatewayClient.createKey;
import static io.trunkline.gateway.GatewayClient.createTenant;
import static io.trunkline.gateway.GatewayClient.operator;
import static io.trunkline.gateway.GatewayClient.send;
import static io.trunkline.gateway.GatewayClient.tenant;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.trunkline.events.CallKind;
import io.trunkline.events.CallRequested;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.EventType;
import io.trunkline.events.SmsAccepted;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsReceived;
import io.trunkline.events.Topics;
import io.trunkline.events.TrunklineEvent;
import io.trunkline.gateway.service.ContactListService;
import io.trunkline.gateway.service.OptOutService;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/**
 * Inbound SMS through the real broker: receiving numbers and keywords (operator API), the apps (tenant API), STOP
 * and JOIN, e-mail-to-SMS, and what each produces on {@code sms.outbound} / {@code call.requests}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
class InboundAppsApiTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    GatewayDatabase db;

    @Inject
    ContactListService contactLists;

    @Inject
    OptOutService optOuts;

    /** A fresh AU mobile number (valid E.164), distinct per call. */
    static String mobile(String prefix) {
        return prefix + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    /** An exclusive (tenantId set) or shared (null) receiving number; returns the number. */
    static String inboundNumber(String tenantId) {
        return inboundNumber(tenantId, mobile("+6148"));
    }

    static String inboundNumber(String tenantId, String number) {
        Map<String, Object> body = new HashMap<>();
        body.put("number", number);
        if (tenantId != null) {
            body.put("tenantId", tenantId);
        }
        operator().contentType(ContentType.JSON).body(body).post("/v1/operator/inbound-numbers")
                .then().statusCode(201).body("number", equalTo(number)).body("shared", equalTo(tenantId == null));
        return number;
    }

    static String numberId(String number) {
        List<Map<String, Object>> all = operator().get("/v1/operator/inbound-numbers").then().statusCode(200)
                .extract().path("$");
        return (String) all.stream().filter(n -> number.equals(n.get("number"))).findFirst().orElseThrow().get("id");
    }

    static void keyword(String number, String tenantId, String keyword, String... aliases) {
        operator().contentType(ContentType.JSON)
                .body(Map.of("tenantId", tenantId, "keyword", keyword, "aliases", List.of(aliases)))
                .post("/v1/operator/inbound-numbers/{id}/keywords", numberId(number))
                .then().statusCode(201).body("keyword", equalTo(keyword.toUpperCase()));
    }

    static String app(String key, String type, String number, String keyword, Map<String, ?> config) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", type + " app");
        body.put("type", type);
        body.put("number", number);
        if (keyword != null) {
            body.put("keyword", keyword);
        }
        body.put("config", config);
        return tenant(key).contentType(ContentType.JSON).body(body).post("/v1/apps")
                .then().statusCode(201).body("type", equalTo(type)).extract().path("id");
    }

    /** Publishes an SMS from {@code from} to {@code to} and waits until the gateway has handled it. */
    void receive(String from, String to, String text) {
        EventEnvelope<TrunklineEvent> env = TestTopics.publish(bootstrap, new SmsReceived(UUID.randomUUID().toString(),
                null, from, to, text, SmsEncoding.GSM7, 1, "smpp", null, Instant.now()));
        db.awaitProcessed(env.headers().id());
    }

    SmsAccepted awaitSms(String from, String to, String text) {
        List<EventEnvelope<SmsAccepted>> seen = TestTopics.await(bootstrap, Topics.SMS_OUTBOUND, SmsAccepted.class,
                e -> e.from().equals(from) && e.to().equals(to) && e.text().equals(text), WAIT);
        return seen.get(seen.size() - 1).payload();
    }

    /** The tenant's outbound messages to {@code to} (from the API; committed with the inbound that caused them). */
    static List<Map<String, Object>> messagesTo(String key, String to) {
        List<Map<String, Object>> items = tenant(key).queryParam("limit", 100).get("/v1/messages").then()
                .statusCode(200).extract().path("items");
        return items.stream().filter(m -> to.equals(m.get("to"))).toList();
    }

    /** The tenant's newest inbound message from {@code from}. */
    static Map<String, Object> lastInbound(String key, String from) {
        List<Map<String, Object>> items = tenant(key).queryParam("from", from).get("/v1/inbound").then()
                .statusCode(200).extract().path("items");
        return items.get(0);
    }

    @Test
    void collectStoresTheReadingInTheDatasetAndRepliesWithTheConfirmationOrTheHint() {
        String t = createTenant("Clinic");
        String key = createKey(t);
        String number = inboundNumber(t);
        String id = app(key, "collect", number, "bg", Map.of("pattern", "BG <number> [<note>]",
                "reply", "Thanks, {number} recorded"));
        String patient = mobile("+6141");

        receive(patient, number, "BG 7.2 after lunch");
        awaitSms(number, patient, "Thanks, 7.2 recorded");
        tenant(key).get("/v1/apps/{id}/dataset", id).then().statusCode(200)
                .body("fields.name", equalTo(List.of("number", "note")))
                .body("items", hasSize(1))
                .body("items[0].sender", equalTo(patient))
                .body("items[0].fields.number", equalTo(7.2f))
                .body("items[0].fields.note", equalTo("after lunch"))
                .body("nextCursor", nullValue());

        receive(patient, number, "bg high");
        awaitSms(number, patient, "Please send: BG <number> [<note>]");
        receive(patient, number, "Bg 5,9");
        awaitSms(number, patient, "Thanks, 5.9 recorded");

        tenant(key).queryParam("limit", 1).get("/v1/apps/{id}/dataset", id).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].fields.number", equalTo(7.2f));
        String next = tenant(key).queryParam("limit", 1).get("/v1/apps/{id}/dataset", id).then()
                .extract().path("nextCursor");
        tenant(key).queryParam("limit", 1).queryParam("cursor", next).get("/v1/apps/{id}/dataset", id).then()
                .statusCode(200).body("items[0].fields.number", equalTo(5.9f)).body("items[0].fields.note",
                        nullValue());

        String csv = tenant(key).queryParam("format", "csv").get("/v1/apps/{id}/dataset", id).then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals("received_at,sender,number,note", lines[0]);
        assertEquals(3, lines.length, csv);
        assertTrue(lines[1].endsWith("," + patient + ",7.2,after lunch"), lines[1]);
        assertTrue(lines[2].endsWith("," + patient + ",5.9,"), lines[2]);

        String other = createKey(createTenant("Not the clinic"));
        tenant(other).get("/v1/apps/{id}/dataset", id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aPollCountsOneVotePerSender() {
        String t = createTenant("Pollster");
        String key = createKey(t);
        String number = inboundNumber(t);
        String id = app(key, "poll", number, "vote", Map.of("options", List.of("A", "B", "C")));
        String ann = mobile("+6141");
        String bob = mobile("+6141");

        receive(ann, number, "vote a");
        receive(ann, number, "VOTE B");
        receive(bob, number, "Vote b");
        receive(bob, number, "vote z");
        awaitSms(number, bob, "Please reply with one of: A, B, C");

        tenant(key).get("/v1/apps/{id}/tally", id).then().statusCode(200)
                .body("total", equalTo(2))
                .body("options.option", equalTo(List.of("A", "B", "C")))
                .body("options.votes", equalTo(List.of(1, 1, 0)))
                .body("open", equalTo(true));
        assertTrue(lastInbound(key, ann).get("outcome").toString().contains("already voted A"));
    }

    @Test
    void tenantsSharingANumberByKeywordNeverSeeEachOthersMessagesAndUnmatchedOnesGoToTheOperator() {
        String t1 = createTenant("Shared one");
        String k1 = createKey(t1);
        String t2 = createTenant("Shared two");
        String k2 = createKey(t2);
        String number = inboundNumber(null);
        keyword(number, t1, "alpha", "al");
        keyword(number, t2, "beta");
        String sender = mobile("+6141");

        receive(sender, number, "alpha one");
        receive(sender, number, "AL two");
        receive(sender, number, "beta three");
        receive(sender, number, "gamma four");

        tenant(k1).get("/v1/inbound").then().statusCode(200)
                .body("items.text", equalTo(List.of("AL two", "alpha one")))
                .body("items.keyword", equalTo(List.of("ALPHA", "ALPHA")))
                .body("items.from", equalTo(List.of(sender, sender)));
        List<String> two = tenant(k2).get("/v1/inbound").then().statusCode(200)
                .body("items.text", equalTo(List.of("beta three"))).extract().path("items.id");
        tenant(k1).get("/v1/inbound/{id}", two.get(0)).then().statusCode(404).contentType("application/problem+json");
        tenant(k2).get("/v1/inbound/{id}", two.get(0)).then().statusCode(200).body("keyword", equalTo("BETA"));

        String first = tenant(k1).queryParam("limit", 1).get("/v1/inbound").then().statusCode(200)
                .body("items.text", equalTo(List.of("AL two"))).extract().path("nextCursor");
        tenant(k1).queryParam("limit", 1).queryParam("cursor", first).get("/v1/inbound").then().statusCode(200)
                .body("items.text", equalTo(List.of("alpha one"))).body("nextCursor", nullValue());
        tenant(k2).queryParam("keyword", "alpha").get("/v1/inbound").then().statusCode(200).body("items", hasSize(0));
        tenant(k1).queryParam("since", "2000-01-01T00:00:00Z").queryParam("until", "2001-01-01T00:00:00Z")
                .get("/v1/inbound").then().statusCode(200).body("items", hasSize(0));
        tenant(k1).queryParam("since", "yesterday").queryParam("cursor", "!!").queryParam("limit", 0)
                .get("/v1/inbound").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("since", "cursor", "limit"));

        operator().queryParam("unmatched", true).queryParam("to", number).get("/v1/operator/inbound").then()
                .statusCode(200).body("items.text", equalTo(List.of("gamma four")))
                .body("items.outcome", hasItem(containsString("unmatched")));
        receive(sender, "+61999", "to nowhere");
        operator().queryParam("unmatched", true).queryParam("to", "+61999").get("/v1/operator/inbound").then()
                .statusCode(200).body("items.text", equalTo(List.of("to nowhere")));
    }

    @Test
    void stopOptsOutWhateverTheAppAndJoinOptsBackInToTheSubscribeList() {
        String t = createTenant("Newsletter");
        String key = createKey(t);
        String number = inboundNumber(t);
        app(key, "subscribe", number, null, Map.of("list", "news", "stopWords", List.of("LEAVE")));
        app(key, "collect", number, "BG", Map.of("pattern", "BG <number>"));
        String reader = mobile("+6141");

        receive(reader, number, "join");
        awaitSms(number, reader, "You are subscribed. Reply STOP to unsubscribe.");
        assertEquals(List.of(reader), contactLists.members(t, "news").stream().map(c -> c.number).toList());

        receive(reader, number, "STOP BG"); // a keyword with a collect app: STOP still opts out
        assertTrue(optOuts.isOptedOut(t, reader));
        assertTrue(contactLists.members(t, "news").isEmpty(), "STOP removes the sender from the list");
        send(key, Map.of("to", reader, "from", "Trunkline", "text", "still there?")).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("to"));

        receive(reader, number, "START");
        assertFalse(optOuts.isOptedOut(t, reader));
        awaitSms(number, reader, "You are subscribed. Reply STOP to unsubscribe.");
        send(key, Map.of("to", reader, "from", "Trunkline", "text", "welcome back")).then().statusCode(202);

        receive(reader, number, "leave"); // the subscribe app's own stop word
        assertTrue(optOuts.isOptedOut(t, reader));
        receive(reader, number, "Unsubscribe");
        assertTrue(lastInbound(key, reader).get("outcome").toString().startsWith("already opted out"));
    }

    @Test
    void anSmsToCallTextRequestsACallBetweenTheAgentGroupAndTheSender() {
        String t = createTenant("Bank X");
        String key = createKey(t);
        String number = inboundNumber(t);
        Map<String, List<String>> groups = new LinkedHashMap<>(); // the hint lists the groups in configured order
        groups.put("homeloan", List.of("+61290000001", "+61290000002"));
        groups.put("cards", List.of("+61290000009"));
        app(key, "call-back", number, "bankX", Map.of("callerId", "+61290000000", "groups", groups,
                "reply", "An agent will call you about {group}"));
        String customer = mobile("+6141");

        receive(customer, number, "bankX homeloan");
        List<EventEnvelope<CallRequested>> seen = TestTopics.await(bootstrap, Topics.CALL_REQUESTS,
                CallRequested.class, c -> c.customers().equals(List.of(customer)), WAIT);
        CallRequested call = seen.get(seen.size() - 1).payload();
        assertEquals(t, call.tenantId());
        assertEquals(CallKind.SMS_TO_CALL, call.kind());
        assertEquals(List.of("+61290000001", "+61290000002"), call.agents());
        assertEquals("+61290000000", call.callerId());
        assertTrue(call.reference().startsWith("inbound:"), call.reference());
        awaitSms(number, customer, "An agent will call you about HOMELOAN");

        receive(customer, number, "bankx mortgage");
        awaitSms(number, customer, "Please send the keyword and one of: HOMELOAN, CARDS");
    }

    @Test
    void autoReplyIsRateLimitedPerSenderSoTwoRespondersCannotLoop() {
        String t = createTenant("Responder");
        String key = createKey(t);
        String number = inboundNumber(t);
        app(key, "auto-reply", number, null, Map.of("reply", "We are closed, {from}", "maxReplies", 2,
                "windowSeconds", 3600));
        String robot = mobile("+6141");
        String human = mobile("+6141");

        for (int i = 0; i < 4; i++) {
            receive(robot, number, "Auto: I am away " + i);
        }
        receive(human, number, "hello?");
        awaitSms(number, human, "We are closed, " + human);
        assertEquals(2, messagesTo(key, robot).size(), "two replies per sender per window, no more");
        assertEquals(1, messagesTo(key, human).size());
        assertTrue(lastInbound(key, robot).get("outcome").toString().contains("rate limited"));
    }

    @Test
    void forwardToEmailSendsAMessageOnTheEmailRoute() {
        String t = createTenant("Forwarder");
        String key = createKey(t);
        String number = inboundNumber(t);
        app(key, "forward", number, "ops", Map.of("email", "ops@acme.example"));
        String sender = mobile("+6141");

        receive(sender, number, "OPS the server room is flooding");
        List<EventEnvelope<SmsAccepted>> seen = TestTopics.await(bootstrap, Topics.SMS_OUTBOUND, SmsAccepted.class,
                e -> e.text().equals("OPS the server room is flooding"), WAIT);
        SmsAccepted mail = seen.get(seen.size() - 1).payload();
        assertEquals("email:ops@acme.example", mail.route());
        assertEquals("email", mail.channel());
        assertEquals(sender, mail.from());
        assertEquals(t, mail.tenantId());
    }

    /**
     * libphonenumber does not know 4834-4837 as Australian mobile ranges; a handset or a receiving number there still
     * exists, since it wrote or took a message, so replies and forwards go to it, while a tenant's own send is refused.
     */
    @Test
    void numbersOutsideLibphonenumbersRangesAreAnsweredWhenTheNetworkGaveThem() {
        String t = createTenant("Ranges");
        String key = createKey(t);
        String number = inboundNumber(t, outsideTheRanges("+614834"));
        String sender = outsideTheRanges("+614835");
        app(key, "forward", number, "ops", Map.of("email", "ops@ranges.example"));
        app(key, "auto-reply", number, null, Map.of("reply", "Thanks {from}"));

        receive(sender, number, "OPS rack 4 is down");
        List<EventEnvelope<SmsAccepted>> seen = TestTopics.await(bootstrap, Topics.SMS_OUTBOUND, SmsAccepted.class,
                e -> e.text().equals("OPS rack 4 is down"), WAIT);
        SmsAccepted mail = seen.get(seen.size() - 1).payload();
        assertEquals("email:ops@ranges.example", mail.route());
        assertEquals(number, mail.to());
        assertTrue(lastInbound(key, sender).get("outcome").toString().startsWith("forward: message "));

        receive(sender, number, "hello");
        awaitSms(number, sender, "Thanks " + sender);

        tenant(key).contentType(ContentType.JSON).body(Map.of("to", sender, "from", number, "text", "Hi"))
                .post("/v1/messages").then().statusCode(400)
                .body("errors.field", hasItem("to"));
    }

    static String outsideTheRanges(String prefix) {
        String n = prefix + String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            assertFalse(util.isValidNumber(util.parse(n, null)), n + " is meant to be outside libphonenumber's ranges");
            assertTrue(util.isPossibleNumber(util.parse(n, null)), n);
        } catch (NumberParseException e) {
            throw new AssertionError(e);
        }
        return n;
    }

    @Test
    void emailToSmsSendsToANumberAndToEveryMemberOfAListExceptTheOptedOut() {
        String t = createTenant("Mailer", "Acme", "Other");
        String key = createKey(t);
        String a = mobile("+6141");
        String b = mobile("+6141");
        String gone = mobile("+6141");
        String listId = contactLists.listNamed(t, "staff").id;
        for (String n : List.of(a, b, gone)) {
            contactLists.addMember(t, listId, n, null);
        }
        optOuts.optOut(t, gone, "api");
        String direct = mobile("+6141");

        publishEmail(t, direct, "Meeting at 3");
        awaitSms("Acme", direct, "Meeting at 3");
        publishEmail(t, "list:staff", "Fire drill at 4");
        awaitSms("Acme", a, "Fire drill at 4");
        awaitSms("Acme", b, "Fire drill at 4");
        assertTrue(messagesTo(key, gone).isEmpty(), "an opted-out member is skipped");
        tenant(key).queryParam("to", "list:staff").get("/v1/inbound").then().statusCode(200)
                .body("items[0].from", equalTo("boss@acme.example")).body("items[0].channel", equalTo("email"))
                .body("items[0].outcome", containsString("2 sent from Acme"));
    }

    void publishEmail(String tenantId, String to, String text) {
        EventEnvelope<TrunklineEvent> env = TestTopics.publish(bootstrap, new SmsReceived(UUID.randomUUID().toString(),
                tenantId, "boss@acme.example", to, text, SmsEncoding.GSM7, 1, "email", "email:boss@acme.example",
                Instant.now()));
        db.awaitProcessed(env.headers().id());
    }

    @Test
    void appsAndNumbersAreValidatedNamingEachFieldAndScopedToTheTenant() {
        String t = createTenant("Validator");
        String key = createKey(t);
        String number = inboundNumber(t);
        String shared = inboundNumber(null);

        tenant(key).contentType(ContentType.JSON).body(Map.of("name", "x", "type", "collect", "number", number,
                "config", Map.of("pattern", "[BG] <number>", "reply", 5))).post("/v1/apps").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("config.pattern", "config.reply"));
        tenant(key).contentType(ContentType.JSON).body(Map.of("type", "teleport", "number", "+61480000000",
                "config", Map.of())).post("/v1/apps").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("name", "type", "number"));
        tenant(key).contentType(ContentType.JSON).body(Map.of("name", "p", "type", "poll", "number", number,
                "keyword", "stop", "config", Map.of("options", List.of("A"), "mode", "often",
                        "opensAt", "2027-01-02T00:00:00Z", "closesAt", "2027-01-01T00:00:00Z"))).post("/v1/apps")
                .then().statusCode(400).body("errors.field",
                        containsInAnyOrder("keyword", "config.options", "config.mode", "config.closesAt"));
        tenant(key).contentType(ContentType.JSON).body(Map.of("name", "c", "type", "call-back", "number", number,
                "keyword", "CB", "config", Map.of("groups", Map.of("x", List.of("0290000001")))))
                .post("/v1/apps").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("config.groups.x", "config.callerId"));
        tenant(key).contentType(ContentType.JSON).body(Map.of("name", "f", "type", "forward", "number", shared,
                "keyword", "FW", "config", Map.of("email", "nope", "url", "ftp://x"))).post("/v1/apps").then()
                .statusCode(400).body("errors.field", containsInAnyOrder("number", "config.email", "config.url"));

        String id = app(key, "auto-reply", number, "hi", Map.of("reply", "Hello"));
        tenant(key).contentType(ContentType.JSON).body(Map.of("name", "again", "type", "auto-reply", "number", number,
                "keyword", "HI", "config", Map.of("reply", "Hi"))).post("/v1/apps").then().statusCode(409)
                .body("errors.field", equalTo(List.of("keyword")));
        tenant(key).get("/v1/apps/{id}", id).then().statusCode(200).body("keyword", equalTo("HI"))
                .body("config.reply", equalTo("Hello"));
        tenant(key).get("/v1/apps/{id}/tally", id).then().statusCode(409).contentType("application/problem+json");

        String other = createKey(createTenant("Someone else"));
        tenant(other).get("/v1/apps/{id}", id).then().statusCode(404).contentType("application/problem+json");
        tenant(other).delete("/v1/apps/{id}", id).then().statusCode(404);
        tenant(other).contentType(ContentType.JSON).body(Map.of("name", "steal", "type", "auto-reply",
                "number", number, "keyword", "HI", "config", Map.of("reply", "mine")))
                .post("/v1/apps").then().statusCode(400).body("errors.field", equalTo(List.of("number")));

        operator().contentType(ContentType.JSON).body(Map.of("number", number)).post("/v1/operator/inbound-numbers")
                .then().statusCode(400).body("errors.field", equalTo(List.of("number")));
        operator().contentType(ContentType.JSON).body(Map.of("number", "12", "tenantId", "nobody", "kind", "pager"))
                .post("/v1/operator/inbound-numbers").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("number", "tenantId", "kind"));
        operator().delete("/v1/operator/inbound-numbers/{id}", numberId(number)).then().statusCode(409);
        tenant(key).delete("/v1/apps/{id}", id).then().statusCode(204);
        tenant(key).get("/v1/apps/{id}", id).then().statusCode(404);
        operator().contentType(ContentType.JSON).body(Map.of("tenantId", t, "keyword", "quit"))
                .post("/v1/operator/inbound-numbers/{id}/keywords", numberId(shared)).then().statusCode(400)
                .body("errors.field", equalTo(List.of("keyword")));
        keyword(shared, t, "SHOP", "STORE");
        operator().contentType(ContentType.JSON).body(Map.of("tenantId", t, "keyword", "store"))
                .post("/v1/operator/inbound-numbers/{id}/keywords", numberId(shared)).then().statusCode(409)
                .body("errors.field", equalTo(List.of("keyword")));
        given401();
    }

    static void given401() {
        io.restassured.RestAssured.given().get("/v1/inbound").then().statusCode(401);
        io.restassured.RestAssured.given().get("/v1/operator/inbound-numbers").then().statusCode(401);
    }

    @Test
    void anUnreadableInboundRecordIsDeadLettered() {
        String id = TestTopics.publishUnreadable(bootstrap, EventType.SMS_RECEIVED);
        TestTopics.awaitDeadLettered(bootstrap, Topics.SMS_INBOUND, id, WAIT);
    }
}
