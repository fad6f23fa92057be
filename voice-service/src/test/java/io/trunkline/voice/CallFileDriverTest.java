package io.trunkline.voice;

import static io.restassured.RestAssured.given;
import static io.trunkline.voice.AmiSpoolResource.ANSWERS;
import static io.trunkline.voice.AmiSpoolResource.BUSY;
import static io.trunkline.voice.AmiSpoolResource.NO_ANSWER;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.trunkline.events.CallKind;
import io.trunkline.events.CallRequested;
import io.trunkline.events.CallStatus;
import io.trunkline.events.CallStatusChanged;
import io.trunkline.events.CdrRecorded;
import io.trunkline.sandbox.ami.SandboxAmi;
import io.trunkline.testsupport.KafkaTestResource;
import io.trunkline.testsupport.MySqlTestResource;
import io.trunkline.testsupport.TestTopics;

/** The call-file driver end to end: files renamed into the stand-in's spool, results from archive and AMI events. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = MySqlTestResource.class, initArgs = @ResourceArg(name = "database", value = "voice_spool"))
@QuarkusTestResource(value = AmiSpoolResource.class, restrictToAnnotatedClass = true)
class CallFileDriverTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aSpeechBroadcastGoesOutAsCallFilesWithRetriesAndOneCdrPerAttempt() throws Exception {
        List<String> numbers = List.of(ANSWERS + "1", ANSWERS + "2", BUSY + "1");
        CallRequested call = new CallRequested(UUID.randomUUID().toString(), "tenant-c", CallKind.SPEECH_BROADCAST,
                List.of(), numbers, "+27115550000", "Water will be off on Tuesday", "female-en-IN", null, "bc-1", null,
                Instant.now().plusSeconds(300), Instant.now());
        TestTopics.publish(bootstrap, call);

        List<CallStatusChanged> steps = CallEvents.stepsUntilDone(bootstrap, call.callId());
        CallStatusChanged done = steps.get(steps.size() - 1);
        assertEquals(CallStatus.COMPLETED, done.status());
        assertEquals("reached 2 of 3; not reached: " + BUSY + "1 busy after 2 attempts", done.reason());

        List<CdrRecorded> cdrs = CallEvents.cdrs(bootstrap, call.callId(), 4);
        Map<Boolean, List<CdrRecorded>> bySuccess = cdrs.stream().collect(Collectors.partitioningBy(
                CdrRecorded::success));
        assertEquals(2, bySuccess.get(true).size());
        for (CdrRecorded c : bySuccess.get(true)) {
            assertNotNull(c.answeredAt(), "answer time from AMI Newstate Up");
            assertEquals("16", c.hangupCause());
        }
        for (CdrRecorded c : bySuccess.get(false)) {
            assertEquals(BUSY + "1", c.destination());
            assertEquals("17", c.hangupCause(), "cause from the AMI Hangup of the leg's channel");
            assertNull(c.answeredAt());
        }

        SandboxAmi ami = AmiSpoolResource.ami();
        for (CdrRecorded c : cdrs) {
            SandboxAmi.Placed p = ami.placed().stream().filter(x -> c.cdrId().equals(x.variables().get("TRUNKLINE_LEG")))
                    .findFirst().orElseThrow();
            assertEquals("spool", p.source(), "placed from a call file");
            assertEquals("en-IN", p.variables().get("TTS_LANG"));
            assertEquals("female", p.variables().get("TTS_GENDER"));
        }
        assertTrue(ami.actions().stream().noneMatch(a -> "originate".equals(a.action())), "no AMI Originate");
        Path spool = AmiSpoolResource.spool();
        assertTrue(empty(spool.resolve("outgoing")) && empty(spool.resolve("outgoing_done"))
                && empty(spool.resolve("trunkline-tmp")), "every file was taken, archived and read back");
    }

    @Test
    void followMeHuntWorksOverCallFilesButBridgingNeedsAmi() {
        CallRequested hunt = new CallRequested(UUID.randomUUID().toString(), "tenant-c", CallKind.FOLLOW_ME,
                List.of(NO_ANSWER + "2", ANSWERS + "3"), List.of(), null, null, null, null, "fm", null,
                Instant.now().plusSeconds(300), Instant.now());
        TestTopics.publish(bootstrap, hunt);
        List<CallStatusChanged> steps = CallEvents.stepsUntilDone(bootstrap, hunt.callId());
        assertEquals(List.of(CallStatus.QUEUED, CallStatus.DIALING_AGENT, CallStatus.DIALING_AGENT,
                CallStatus.AGENT_ANSWERED, CallStatus.COMPLETED), steps.stream().map(CallStatusChanged::status).toList());
        CdrRecorded missed = CallEvents.cdrs(bootstrap, hunt.callId(), 2).stream().filter(c -> !c.success()).findFirst().orElseThrow();
        assertEquals("19", missed.hangupCause());

        CallRequested c2c = new CallRequested(UUID.randomUUID().toString(), "tenant-c", CallKind.CLICK_TO_CALL,
                List.of(ANSWERS + "4"), List.of(ANSWERS + "5"), null, null, null, null, "c2c", null,
                Instant.now().plusSeconds(300), Instant.now());
        TestTopics.publish(bootstrap, c2c);
        List<CallStatusChanged> failed = CallEvents.stepsUntilDone(bootstrap, c2c.callId());
        assertEquals(CallStatus.FAILED, failed.get(failed.size() - 1).status());
        assertTrue(failed.get(failed.size() - 1).reason().contains("needs the ami driver"));
    }

    @Test
    void readyWhileAmiIsLoggedIn() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        assertFalse(AmiSpoolResource.ami().actions().isEmpty());
    }

    private static boolean empty(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
