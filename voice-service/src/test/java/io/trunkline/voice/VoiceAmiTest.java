package io.trunkline.voice;

import static io.restassured.RestAssured.given;
import static io.trunkline.voice.AmiStandInResource.*;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.trunkline.events.CallKind;
import io.trunkline.events.CallRequested;
import io.trunkline.events.CallStatus;
import io.trunkline.events.CallStatusChanged;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.CdrService;
import io.trunkline.events.Topics;
import io.trunkline.sandbox.ami.AmiMessage;
import io.trunkline.sandbox.ami.SandboxAmi;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;
import io.trunkline.voice.repository.CallLegRepository;
import io.trunkline.voice.service.CallbackSender;

/** Every voice service over the AMI stand-in through real TCP, with the real broker and database. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "voice_ami"))
@QuarkusTestResource(value = AmiStandInResource.class, restrictToAnnotatedClass = true)
class VoiceAmiTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** The operator token the api-gateway sends (voice-service's default). */
    private static final String TOKEN = "dev-operator-token";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    EntityManager em;

    @Inject
    CallLegRepository legs;

    @Test
    void clickToCallDialsTheAgentThenTheCustomerBridgesAndRecordsTwoCdrs() {
        CallRequested call = request("tenant-v", CallKind.SMS_TO_CALL, List.of(AGENT_OK + "1"),
                List.of(CUSTOMER_OK + "1"));
        TestTopics.publish(bootstrap, call);

        List<CallStatusChanged> steps = CallEvents.stepsUntilDone(bootstrap, call.callId());
        assertEquals(List.of(CallStatus.QUEUED, CallStatus.DIALING_AGENT, CallStatus.AGENT_ANSWERED,
                CallStatus.DIALING_CUSTOMER, CallStatus.BRIDGED, CallStatus.COMPLETED), statuses(steps));
        assertEquals(AGENT_OK + "1", steps.get(1).party());
        assertEquals(CUSTOMER_OK + "1", steps.get(3).party());

        List<CdrRecorded> cdrs = CallEvents.cdrs(bootstrap, call.callId(), 2);
        CdrRecorded agent = cdrs.stream().filter(c -> c.destination().equals(AGENT_OK + "1")).findFirst().orElseThrow();
        CdrRecorded customer = cdrs.stream().filter(c -> c.destination().equals(CUSTOMER_OK + "1")).findFirst()
                .orElseThrow();
        for (CdrRecorded c : cdrs) {
            assertEquals(CdrService.CALL_OUT, c.service());
            assertEquals("tenant-v", c.tenantId());
            assertEquals("+27115550000", c.source(), "the tenant's caller ID");
            assertEquals("main", c.carrier(), "the trunk");
            assertTrue(c.success());
            assertEquals("16", c.hangupCause());
            assertNotNull(c.answeredAt());
            assertTrue(c.billableSeconds() >= 1, "a started second counts");
            assertFalse(c.endedAt().isBefore(c.answeredAt()));
        }
        assertTrue(customer.startedAt().compareTo(agent.answeredAt()) >= 0, "the customer is dialled after the agent answered");
        assertEquals(2, outboxCdrs(call.callId()), "one CDR per leg, once");

        SandboxAmi ami = AmiStandInResource.ami();
        AmiMessage bridge = ami.actions().stream().filter(a -> "bridge".equals(a.action())
                && agent.cdrId().equals(a.get("Channel1"))).findFirst().orElseThrow();
        assertEquals(customer.cdrId(), bridge.get("Channel2"));
        AmiMessage originate = ami.actions().stream().filter(a -> "originate".equals(a.action())
                && agent.cdrId().equals(a.get("ChannelId"))).findFirst().orElseThrow();
        assertEquals("true", originate.get("Async"));
        assertEquals(agent.cdrId(), originate.get("ActionID").substring(originate.get("ActionID").indexOf('#') + 1),
                "correlated by our ActionID");
        assertEquals("Local/" + AGENT_OK + "1@trunkline-out", originate.get("Channel"));
        assertEquals("trunkline-hold", originate.get("Context"));
    }

    @Test
    void aBusyAgentAndAnAgentWhoDoesNotAnswerMakeWayForTheNext() {
        CallRequested call = request("tenant-v", CallKind.CLICK_TO_CALL,
                List.of(AGENT_BUSY + "1", AGENT_NO_ANSWER + "1", AGENT_OK + "2"), List.of(CUSTOMER_OK + "2"));
        TestTopics.publish(bootstrap, call);

        List<CallStatusChanged> steps = CallEvents.stepsUntilDone(bootstrap, call.callId());
        assertEquals(List.of(CallStatus.QUEUED, CallStatus.DIALING_AGENT, CallStatus.DIALING_AGENT,
                CallStatus.DIALING_AGENT, CallStatus.AGENT_ANSWERED, CallStatus.DIALING_CUSTOMER, CallStatus.BRIDGED,
                CallStatus.COMPLETED), statuses(steps));
        assertEquals(List.of(AGENT_BUSY + "1", AGENT_NO_ANSWER + "1", AGENT_OK + "2"),
                steps.subList(1, 4).stream().map(CallStatusChanged::party).toList());
        Map<String, CdrRecorded> byNumber = CallEvents.cdrs(bootstrap, call.callId(), 4).stream()
                .collect(Collectors.toMap(CdrRecorded::destination, c -> c));
        assertEquals("17", byNumber.get(AGENT_BUSY + "1").hangupCause());
        assertFalse(byNumber.get(AGENT_BUSY + "1").success());
        assertEquals(0, byNumber.get(AGENT_BUSY + "1").billableSeconds());
        assertEquals("19", byNumber.get(AGENT_NO_ANSWER + "1").hangupCause());
        assertNull(byNumber.get(AGENT_NO_ANSWER + "1").answeredAt());
        assertTrue(byNumber.get(AGENT_OK + "2").success());
        assertTrue(byNumber.get(CUSTOMER_OK + "2").success());
    }

    @Test
    void whenNoAgentAnswersTheCallFailsWithEachReason() {
        CallRequested call = request("tenant-v", CallKind.CLICK_TO_CALL,
                List.of(AGENT_BUSY + "2", AGENT_CONGESTION + "2"), List.of(CUSTOMER_OK + "3"));
        TestTopics.publish(bootstrap, call);

        List<CallStatusChanged> steps = CallEvents.stepsUntilDone(bootstrap, call.callId());
        CallStatusChanged failed = steps.get(steps.size() - 1);
        assertEquals(CallStatus.FAILED, failed.status());
        assertEquals("no agent answered: " + AGENT_BUSY + "2 busy; " + AGENT_CONGESTION + "2 congestion",
                failed.reason());
        List<CdrRecorded> cdrs = CallEvents.cdrs(bootstrap, call.callId(), 2);
        assertTrue(cdrs.stream().noneMatch(CdrRecorded::success));
        assertEquals(Set.of("17", "34"), cdrs.stream().map(CdrRecorded::hangupCause).collect(Collectors.toSet()));
        assertTrue(steps.stream().noneMatch(s -> s.status() == CallStatus.DIALING_CUSTOMER), "the customer is never called");
    }

    @Test
    void aBusyCustomerFailsTheCallAndReleasesTheAgent() {
        CallRequested call = request("tenant-v", CallKind.CLICK_TO_CALL, List.of(AGENT_OK + "3"),
                List.of(CUSTOMER_BUSY + "3"));
        TestTopics.publish(bootstrap, call);
        List<CallStatusChanged> steps = CallEvents.stepsUntilDone(bootstrap, call.callId());
        assertEquals(CallStatus.FAILED, steps.get(steps.size() - 1).status());
        assertEquals("customer " + CUSTOMER_BUSY + "3 busy", steps.get(steps.size() - 1).reason());
        Map<String, CdrRecorded> byNumber = CallEvents.cdrs(bootstrap, call.callId(), 2).stream()
                .collect(Collectors.toMap(CdrRecorded::destination, c -> c));
        assertTrue(byNumber.get(AGENT_OK + "3").success(), "the agent was answered, then hung up by us");
        assertFalse(byNumber.get(CUSTOMER_BUSY + "3").success());
    }

    @Test
    void followMeHuntRingsTheProfileOneNumberAfterAnother() {
        String profile = createProfile("tenant-f", "desk", "HUNT", List.of(AGENT_NO_ANSWER + "4", FAST + "4"), 1);
        String callId = post("tenant-f", Map.of("kind", "FOLLOW_ME", "profileId", profile, "reference", "fm-1"));

        List<CallStatusChanged> steps = CallEvents.stepsUntilDone(bootstrap, callId);
        assertEquals(List.of(CallStatus.QUEUED, CallStatus.DIALING_AGENT, CallStatus.DIALING_AGENT,
                CallStatus.AGENT_ANSWERED, CallStatus.COMPLETED), statuses(steps));
        assertEquals(AGENT_NO_ANSWER + "4", steps.get(1).party());
        assertEquals(FAST + "4", steps.get(3).party());
        assertEquals(2, CallEvents.cdrs(bootstrap, callId, 2).size());
    }

    @Test
    void ringAllLetsTheFirstAnswerWinAndDropsTheOthers() {
        String profile = createProfile("tenant-f", "all", "RING_ALL", List.of(SLOW + "5", FAST + "5"), 5);
        String callId = post("tenant-f", Map.of("kind", "FOLLOW_ME", "profileId", profile));

        List<CallStatusChanged> steps = CallEvents.stepsUntilDone(bootstrap, callId);
        assertEquals(List.of(CallStatus.QUEUED, CallStatus.DIALING_AGENT, CallStatus.AGENT_ANSWERED,
                CallStatus.COMPLETED), statuses(steps));
        assertEquals(SLOW + "5," + FAST + "5", steps.get(1).party(), "all rung at once");
        assertEquals(FAST + "5", steps.get(2).party(), "the second number answered first and won");
        Map<String, CdrRecorded> byNumber = CallEvents.cdrs(bootstrap, callId, 2).stream()
                .collect(Collectors.toMap(CdrRecorded::destination, c -> c));
        assertFalse(byNumber.get(SLOW + "5").success(), "the slower one was dropped before it answered");
        SandboxAmi ami = AmiStandInResource.ami();
        String slowLeg = byNumber.get(SLOW + "5").cdrId();
        assertTrue(ami.actions().stream().anyMatch(a -> "hangup".equals(a.action()) && slowLeg.equals(a.get("Channel"))
                && "26".equals(a.get("Cause"))), "dropped with cause 26 answered elsewhere");
        assertTrue(ami.ended().stream().anyMatch(e -> e.uniqueid().equals(slowLeg) && !e.answered()));
    }

    @Test
    void speechBroadcastRetriesBusyNumbersAndKeepsToTheConcurrencyLimit() {
        List<String> numbers = List.of(LISTENER + "61", LISTENER + "62", LISTENER + "63", LISTENER + "64",
                LISTENER_BUSY + "6");
        String callId = post("tenant-v", Map.of("kind", "SPEECH_BROADCAST", "customers", numbers, "speechText",
                "Your bank X home loan desk will call you back today", "voice", "male-en-GB"));

        List<CallStatusChanged> steps = CallEvents.stepsUntilDone(bootstrap, callId);
        CallStatusChanged done = steps.get(steps.size() - 1);
        assertEquals(CallStatus.COMPLETED, done.status());
        assertEquals("reached 4 of 5; not reached: " + LISTENER_BUSY + "6 busy after 2 attempts", done.reason());
        assertEquals(2, steps.stream().filter(s -> s.status() == CallStatus.DIALING_CUSTOMER
                && s.party().equals(LISTENER_BUSY + "6")).count(), "the busy number is tried again once");
        List<CdrRecorded> cdrs = CallEvents.cdrs(bootstrap, callId, 6);
        assertEquals(4, cdrs.stream().filter(CdrRecorded::success).count());

        SandboxAmi ami = AmiStandInResource.ami();
        Set<String> legIds = cdrs.stream().map(CdrRecorded::cdrId).collect(Collectors.toSet());
        List<SandboxAmi.Placed> placed = ami.placed().stream().filter(p -> legIds.contains(p.uniqueid())).toList();
        assertEquals(6, placed.size());
        for (SandboxAmi.Placed p : placed) {
            assertEquals("en-gb+m3", p.variables().get("TTS_VOICE"));
            assertEquals("en-GB", p.variables().get("TTS_LANG"));
            assertEquals("male", p.variables().get("TTS_GENDER"));
            assertEquals("Your bank X home loan desk will call you back today", p.variables().get("TTS_TEXT"));
        }
        assertEquals(2, maxOverlap(placed, ami.ended()), "at most broadcast.max-concurrent (2) numbers at once");
    }

    @Test
    void aTenantAtItsChannelLimitWaitsInOrderAndFailsAtTheDeadline() {
        CallRequested first = followMe("tenant-q", SHORT + "71", Instant.now().plusSeconds(60));
        CallRequested second = followMe("tenant-q", SHORT + "72", Instant.now().plusSeconds(60));
        CallRequested third = followMe("tenant-q", SHORT + "73", Instant.now().plusMillis(1000));
        TestTopics.publish(bootstrap, first);
        TestTopics.publish(bootstrap, second);
        TestTopics.publish(bootstrap, third);

        assertEquals(CallStatus.COMPLETED, last(CallEvents.stepsUntilDone(bootstrap, first.callId())).status());
        assertEquals(CallStatus.COMPLETED, last(CallEvents.stepsUntilDone(bootstrap, second.callId())).status());
        List<CallStatusChanged> thirdSteps = CallEvents.stepsUntilDone(bootstrap, third.callId());
        assertEquals(List.of(CallStatus.QUEUED, CallStatus.FAILED), statuses(thirdSteps));
        assertTrue(last(thirdSteps).reason().startsWith("deadline passed while waiting for a free channel (tenant limit 1"),
                last(thirdSteps).reason());

        SandboxAmi ami = AmiStandInResource.ami();
        String firstLeg = CallEvents.cdrs(bootstrap, first.callId(), 1).get(0).cdrId();
        String secondLeg = CallEvents.cdrs(bootstrap, second.callId(), 1).get(0).cdrId();
        Instant firstEnded = ami.ended().stream().filter(e -> e.uniqueid().equals(firstLeg)).findFirst().orElseThrow()
                .at();
        Instant secondPlaced = ami.placed().stream().filter(p -> secondLeg.equals(p.uniqueid())).findFirst()
                .orElseThrow().at();
        assertFalse(secondPlaced.isBefore(firstEnded), "the second call waited for the tenant's only channel");
        assertEquals(0, outboxCdrs(third.callId()), "nothing was dialled for the expired call");
    }

    @Test
    void aDroppedAmiConnectionMidCallIsRecoveredAndBilledOnce() throws Exception {
        SandboxAmi ami = AmiStandInResource.ami();
        long challengesBefore = ami.actions().stream().filter(a -> "challenge".equals(a.action())).count();
        CallRequested call = request("tenant-v", CallKind.CLICK_TO_CALL, List.of(LONG + "8"),
                List.of(CUSTOMER_LONG + "8"));
        TestTopics.publish(bootstrap, call);
        TestTopics.await(bootstrap, Topics.CALL_STATUS, CallStatusChanged.class,
                s -> s.callId().equals(call.callId()) && s.status() == CallStatus.BRIDGED, WAIT);

        ami.dropConnections();

        List<CallStatusChanged> steps = CallEvents.stepsUntilDone(bootstrap, call.callId());
        assertEquals(CallStatus.COMPLETED, last(steps).status());
        List<CdrRecorded> cdrs = CallEvents.cdrs(bootstrap, call.callId(), 2);
        assertTrue(cdrs.stream().allMatch(CdrRecorded::success));
        Thread.sleep(500);
        assertEquals(2, outboxCdrs(call.callId()), "never billed twice");
        await().atMost(WAIT).until(() -> ami.actions().stream().filter(a -> "challenge".equals(a.action())).count()
                > challengesBefore);
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void logsInWithTheMd5ChallengeAndIsReadyOnlyThen() {
        SandboxAmi ami = AmiStandInResource.ami();
        AmiMessage challenge = ami.actions().stream().filter(a -> "challenge".equals(a.action())).findFirst()
                .orElseThrow();
        assertEquals("MD5", challenge.get("AuthType"));
        AmiMessage login = ami.actions().stream().filter(a -> "login".equals(a.action())).findFirst().orElseThrow();
        assertEquals("MD5", login.get("AuthType"));
        assertNotNull(login.get("Key"));
        assertNull(login.get("Secret"), "the secret never crosses the wire");
        assertTrue(ami.actions().stream().anyMatch(a -> "coresettings".equals(a.action())));
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("asterisk"));
    }

    @Test
    void theCallApiValidatesPlacesAndShowsTheTimelineToItsTenantOnly() {
        given().contentType(ContentType.JSON).body(Map.of("agents", List.of(AGENT_OK + "9"))).post("/v1/calls")
                .then().statusCode(401);
        api().contentType(ContentType.JSON).header("X-Trunkline-Tenant", "tenant-v")
                .body(Map.of("agents", List.of("0821234567"), "customers", List.of(CUSTOMER_OK + "9")))
                .post("/v1/calls").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("agents[0]"));
        api().contentType(ContentType.JSON).header("X-Trunkline-Tenant", "tenant-v")
                .body(Map.of("kind", "SPEECH_BROADCAST", "customers", List.of(LISTENER + "9"), "speechText", "hi",
                        "voice", "robot-en-AU"))
                .post("/v1/calls").then().statusCode(400).body("errors[0].field", equalTo("voice"));

        String callId = post("tenant-v", Map.of("agents", List.of(AGENT_OK + "9"), "customers",
                List.of(CUSTOMER_OK + "9"), "reference", "web-callback-9"));
        CallEvents.stepsUntilDone(bootstrap, callId);
        await().atMost(WAIT).untilAsserted(() -> api().header("X-Trunkline-Tenant", "tenant-v")
                .get("/v1/calls/" + callId).then().statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("reference", equalTo("web-callback-9"))
                .body("timeline.status", equalTo(List.of("QUEUED", "DIALING_AGENT", "AGENT_ANSWERED",
                        "DIALING_CUSTOMER", "BRIDGED", "COMPLETED")))
                .body("legs.size()", equalTo(2))
                .body("legs[0].role", equalTo("AGENT")));
        api().header("X-Trunkline-Tenant", "tenant-other").get("/v1/calls/" + callId).then().statusCode(404);
    }

    @Test
    void followMeProfilesAreTheTenantsOwn() {
        String id = createProfile("tenant-p", "office", "HUNT", List.of("+27115551111"), 15);
        api().header("X-Trunkline-Tenant", "tenant-p").get("/v1/follow-me-profiles/" + id).then().statusCode(200)
                .body("name", equalTo("office")).body("numbers", equalTo(List.of("+27115551111")));
        api().header("X-Trunkline-Tenant", "tenant-x").get("/v1/follow-me-profiles/" + id).then().statusCode(404);
        api().contentType(ContentType.JSON).header("X-Trunkline-Tenant", "tenant-p")
                .body(Map.of("name", "office", "mode", "RING_ALL", "numbers", List.of("+27115551111", "+27115552222"),
                        "ringSeconds", 25))
                .put("/v1/follow-me-profiles/" + id).then().statusCode(200).body("mode", equalTo("RING_ALL"));
        api().header("X-Trunkline-Tenant", "tenant-p").get("/v1/follow-me-profiles").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].numbers.size()", equalTo(2));
        api().contentType(ContentType.JSON).header("X-Trunkline-Tenant", "tenant-p")
                .body(Map.of("name", "x", "mode", "SOMETIMES", "numbers", List.of("+27115551111")))
                .post("/v1/follow-me-profiles").then().statusCode(400).body("errors[0].field", equalTo("mode"));
        api().header("X-Trunkline-Tenant", "tenant-x").delete("/v1/follow-me-profiles/" + id).then().statusCode(404);
        api().header("X-Trunkline-Tenant", "tenant-p").delete("/v1/follow-me-profiles/" + id).then().statusCode(204);
        api().header("X-Trunkline-Tenant", "tenant-p").get("/v1/follow-me-profiles/" + id).then().statusCode(404);
    }

    @Test
    void statusCallbacksAreSignedAndRetried() throws IOException {
        List<String[]> received = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new String[] {ex.getRequestHeaders().getFirst(CallbackSender.TIMESTAMP_HEADER),
                    ex.getRequestHeaders().getFirst(CallbackSender.SIGNATURE_HEADER), body});
            ex.sendResponseHeaders(requests.incrementAndGet() == 1 ? 503 : 204, -1);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            String callId = post("tenant-v", Map.of("agents", List.of(AGENT_OK + "10"), "customers",
                    List.of(CUSTOMER_OK + "10"), "statusCallback", url));
            CallEvents.stepsUntilDone(bootstrap, callId);
            await().atMost(WAIT).until(() -> received.stream().anyMatch(r -> r[2].contains("\"COMPLETED\"")));
            List<String[]> copy = List.copyOf(received);
            for (String[] r : copy) {
                assertEquals("v1=" + CallbackSender.sign("tenant-v-secret", r[0], r[2]), r[1], "signed per tenant");
                assertTrue(r[2].contains("\"callId\":\"" + callId + "\""));
            }
            assertTrue(copy.get(0)[2].contains("\"QUEUED\"") && copy.get(1)[2].contains("\"QUEUED\""),
                    "the refused first delivery is retried");
            List<String> order = copy.stream().skip(1).map(r -> r[2].replaceAll(".*\"status\":\"([A-Z_]+)\".*", "$1"))
                    .toList();
            assertEquals(List.of("QUEUED", "DIALING_AGENT", "AGENT_ANSWERED", "DIALING_CUSTOMER", "BRIDGED",
                    "COMPLETED"), order, "in order, each once delivered");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theTenantApiNeedsTheOperatorTokenSoATenantHeaderAloneIsRefused() {
        Map<String, Object> call = Map.of("agents", List.of(AGENT_OK + "11"), "customers", List.of(CUSTOMER_OK + "11"));
        given().contentType(ContentType.JSON).header("X-Trunkline-Tenant", "tenant-v").body(call).post("/v1/calls")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
        given().auth().oauth2("forged-token").contentType(ContentType.JSON).header("X-Trunkline-Tenant", "tenant-v")
                .body(call).post("/v1/calls").then().statusCode(401).contentType("application/problem+json");
        given().header("X-Trunkline-Tenant", "tenant-v").get("/v1/follow-me-profiles").then().statusCode(401);
        given().header("X-Trunkline-Tenant", "tenant-v").get("/v1/calls").then().statusCode(401);
        assertEquals(0, inTx(() -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM call_session WHERE agents LIKE ?1")
                .setParameter(1, "%" + AGENT_OK + "11%").getSingleResult()).intValue()), "nothing was stored");
        // the token without a tenant is not enough either
        api().contentType(ContentType.JSON).body(call).post("/v1/calls").then().statusCode(401);
    }

    @Test
    void theGatewayMayChooseTheCallIdAndTheTenantListsItsCalls() {
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("callId", id, "kind", "FOLLOW_ME", "agents", List.of(FAST + "12"),
                "reference", "listed-12");
        api().contentType(ContentType.JSON).header("X-Trunkline-Tenant", "tenant-l").body(body).post("/v1/calls")
                .then().statusCode(202).body("callId", equalTo(id))
                .header("Location", org.hamcrest.Matchers.endsWith("/v1/calls/" + id));
        api().contentType(ContentType.JSON).header("X-Trunkline-Tenant", "tenant-l").body(body).post("/v1/calls")
                .then().statusCode(409).contentType("application/problem+json");
        api().contentType(ContentType.JSON).header("X-Trunkline-Tenant", "tenant-l")
                .body(Map.of("callId", "../x", "kind", "FOLLOW_ME", "agents", List.of(FAST + "12"))).post("/v1/calls")
                .then().statusCode(400).body("errors[0].field", equalTo("callId"));
        CallEvents.stepsUntilDone(bootstrap, id);
        api().header("X-Trunkline-Tenant", "tenant-l").get("/v1/calls").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].callId", equalTo(id))
                .body("items[0].reference", equalTo("listed-12"));
        api().header("X-Trunkline-Tenant", "tenant-other-l").get("/v1/calls").then().statusCode(200)
                .body("total", equalTo(0));
        api().header("X-Trunkline-Tenant", "tenant-l").queryParam("size", 0).get("/v1/calls").then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void aFullTrunkMakesCallsOfEveryTenantOnItWaitInOrderAndFailsThemAtTheDeadline() {
        // trunk "narrow" carries 1 channel; tenant-t1 and tenant-t2 (10 channels each) both use it
        CallRequested first = followMe("tenant-t1", SHORT + "81", Instant.now().plusSeconds(60));
        CallRequested second = followMe("tenant-t2", SHORT + "82", Instant.now().plusSeconds(60));
        CallRequested third = followMe("tenant-t1", SHORT + "83", Instant.now().plusMillis(1000));
        TestTopics.publish(bootstrap, first);
        TestTopics.publish(bootstrap, second);
        TestTopics.publish(bootstrap, third);

        assertEquals(CallStatus.COMPLETED, last(CallEvents.stepsUntilDone(bootstrap, first.callId())).status());
        assertEquals(CallStatus.COMPLETED, last(CallEvents.stepsUntilDone(bootstrap, second.callId())).status());
        List<CallStatusChanged> thirdSteps = CallEvents.stepsUntilDone(bootstrap, third.callId());
        assertEquals(List.of(CallStatus.QUEUED, CallStatus.FAILED), statuses(thirdSteps));
        assertEquals("deadline passed while waiting for a free channel (tenant limit 10, trunk narrow limit 1)",
                last(thirdSteps).reason());

        SandboxAmi ami = AmiStandInResource.ami();
        String firstLeg = CallEvents.cdrs(bootstrap, first.callId(), 1).get(0).cdrId();
        String secondLeg = CallEvents.cdrs(bootstrap, second.callId(), 1).get(0).cdrId();
        // the two were published in order but may sit on different partitions, so either may take the channel first:
        // whichever was placed later must have waited for the other to end
        Instant firstPlaced = placedAt(ami, firstLeg);
        Instant secondPlaced = placedAt(ami, secondLeg);
        boolean firstWent = !secondPlaced.isBefore(firstPlaced);
        Instant earlierEnded = endedAt(ami, firstWent ? firstLeg : secondLeg);
        Instant laterPlaced = firstWent ? secondPlaced : firstPlaced;
        assertFalse(laterPlaced.isBefore(earlierEnded),
                "the trunk's only channel carried two calls at once, although each tenant had channels free");
        assertEquals("Local/" + SHORT + "82@trunkline-out", ami.placed().stream()
                .filter(p -> secondLeg.equals(p.uniqueid())).findFirst().orElseThrow().channel());
        assertEquals("narrow", CallEvents.cdrs(bootstrap, second.callId(), 1).get(0).carrier(), "billed to its trunk");
        assertEquals(0, outboxCdrs(third.callId()), "nothing was dialled for the expired call");
    }

    private static Instant placedAt(SandboxAmi ami, String leg) {
        return ami.placed().stream().filter(p -> leg.equals(p.uniqueid())).findFirst().orElseThrow().at();
    }

    private static Instant endedAt(SandboxAmi ami, String leg) {
        return ami.ended().stream().filter(e -> e.uniqueid().equals(leg)).findFirst().orElseThrow().at();
    }

    @Test
    void readinessIsDownWhileAsteriskIsGoneAndUpAgainOnceLoggedIn() throws Exception {
        given().get("/q/health/ready").then().statusCode(200);
        AmiStandInResource.stopAmi();
        try {
            await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'asterisk' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'asterisk' }.data.loggedIn", equalTo(false)));
            // liveness is not readiness: the process is fine, only not fit to take calls
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            AmiStandInResource.startAmi();
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'asterisk' }.status", equalTo("UP")));
        assertTrue(AmiStandInResource.ami().actions().stream().anyMatch(a -> "login".equals(a.action())),
                "logged in again to the restarted Asterisk");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static io.restassured.specification.RequestSpecification api() {
        return given().auth().oauth2(TOKEN);
    }

    private static CallRequested request(String tenant, CallKind kind, List<String> agents, List<String> customers) {
        return new CallRequested(UUID.randomUUID().toString(), tenant, kind, agents, customers, null, null, null, null,
                "ref", null, Instant.now().plusSeconds(300), Instant.now());
    }

    private static CallRequested followMe(String tenant, String number, Instant deadline) {
        return new CallRequested(UUID.randomUUID().toString(), tenant, CallKind.FOLLOW_ME, List.of(number), List.of(),
                null, null, null, null, "ref", null, deadline, Instant.now());
    }

    private String post(String tenant, Map<String, Object> body) {
        return api().contentType(ContentType.JSON).header("X-Trunkline-Tenant", tenant).body(body)
                .post("/v1/calls").then().statusCode(202).body("status", equalTo("QUEUED")).extract().path("callId");
    }

    private String createProfile(String tenant, String name, String mode, List<String> numbers, int ring) {
        return api().contentType(ContentType.JSON).header("X-Trunkline-Tenant", tenant)
                .body(Map.of("name", name, "mode", mode, "numbers", numbers, "ringSeconds", ring))
                .post("/v1/follow-me-profiles").then().statusCode(201).extract().path("profileId");
    }

    private int outboxCdrs(String callId) {
        return inTx(() -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM outbox_event WHERE topic = ?1 AND payload LIKE ?2")
                .setParameter(1, Topics.CDR_EVENTS).setParameter(2, "%\"subjectId\":\"" + callId + "\"%")
                .getSingleResult()).intValue());
    }

    private static List<CallStatus> statuses(List<CallStatusChanged> steps) {
        return steps.stream().map(CallStatusChanged::status).toList();
    }

    private static CallStatusChanged last(List<CallStatusChanged> steps) {
        return steps.get(steps.size() - 1);
    }

    /** The most of these calls that were up at the same time, from the stand-in's own clock. */
    private static int maxOverlap(List<SandboxAmi.Placed> placed, List<SandboxAmi.Ended> ended) {
        List<long[]> points = new ArrayList<>();
        for (SandboxAmi.Placed p : placed) {
            points.add(new long[] {p.at().toEpochMilli() * 10 + 1, 1});
            SandboxAmi.Ended e = ended.stream().filter(x -> x.uniqueid().equals(p.uniqueid())).findFirst()
                    .orElseThrow();
            points.add(new long[] {e.at().toEpochMilli() * 10, -1});
        }
        points.sort((a, b) -> Long.compare(a[0], b[0]));
        int now = 0;
        int max = 0;
        for (long[] pt : points) {
            now += (int) pt[1];
            max = Math.max(max, now);
        }
        return max;
    }

    private static <T> T inTx(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }
}
