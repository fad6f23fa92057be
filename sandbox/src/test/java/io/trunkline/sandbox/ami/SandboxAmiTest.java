package io.trunkline.sandbox.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AMI stand-in over real TCP, checked against the Asterisk 22 captures' order, fields and reasons. */
class SandboxAmiTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path spool;

    SandboxAmi ami;

    @BeforeEach
    void start() throws Exception {
        ami = SandboxAmi.start(AmiConfig.defaults()
                .withDefaultRule(AmiConfig.Rule.answer("", Duration.ofMillis(50), Duration.ofMillis(100)))
                .withRules(List.of(AmiConfig.Rule.answer("+2786", Duration.ofMillis(20), Duration.ofSeconds(30))))
                .withSpool(spool, Duration.ofMillis(50)));
    }

    @AfterEach
    void stop() {
        ami.close();
    }

    @Test
    void bannerFirstThenPlainLoginPingCoreSettingsAndLogoff() throws Exception {
        try (AmiTestClient c = new AmiTestClient(ami.port())) {
            assertEquals("Asterisk Call Manager/11.0.0", c.banner);
            c.send("Action: Login", "Username: trunkline", "Secret: secret", "ActionID: action/transaction_uid/1/1");
            AmiMessage ok = c.response("action/transaction_uid/1/1");
            assertEquals("Success", ok.get("Response"));
            assertEquals("Authentication accepted", ok.get("Message"));
            c.await(m -> "FullyBooted".equals(m.get("Event")), WAIT);
            c.send("Action: Ping", "ActionID: p 1");
            assertEquals("Pong", c.response("p 1").get("Ping"));
            c.send("Action: CoreSettings", "ActionID: cs");
            assertEquals("22.10.1", c.response("cs").get("AsteriskVersion"));
            c.send("Action: Logoff", "ActionID: bye");
            AmiMessage bye = c.response("bye");
            assertEquals("Goodbye", bye.get("Response"));
            assertEquals("Thanks for all the fish.", bye.get("Message"));
        }
    }

    @Test
    void md5ChallengeLoginAndFailures() throws Exception {
        try (AmiTestClient c = new AmiTestClient(ami.port())) {
            c.send("Action: Login", "Username: trunkline", "Secret: wrong", "ActionID: badlogin");
            AmiMessage bad = c.response("badlogin");
            assertEquals("Error", bad.get("Response"));
            assertEquals("Authentication failed", bad.get("Message"));
            c.send("Action: Originate", "Channel: Local/answer@sim", "Exten: answer", "Async: true",
                    "ActionID: nologin");
            assertEquals("Permission denied", c.response("nologin").get("Message"));

            c.send("Action: Challenge", "AuthType: MD5", "ActionID: ch");
            String challenge = c.response("ch").get("Challenge");
            assertNotNull(challenge);
            c.send("Action: Login", "AuthType: MD5", "Username: trunkline", "Key: " + SandboxAmi.md5(challenge + "nope"),
                    "ActionID: k1");
            assertEquals("Error", c.response("k1").get("Response"));
            c.send("Action: Login", "AuthType: MD5", "Username: trunkline",
                    "Key: " + SandboxAmi.md5(challenge + "secret"), "ActionID: k2");
            assertEquals("Success", c.response("k2").get("Response"));
            assertEquals(1, ami.loggedInSessions());

            c.send("Action: Originate", "Context: sim", "Exten: answer", "Async: true", "ActionID: e1");
            assertEquals("Channel not specified", c.response("e1").get("Message"));
            c.send("Action: Originate", "Channel: sip:arabbit@mojolingo.com", "Exten: 1", "Async: true",
                    "ActionID: e3");
            assertEquals("Invalid channel", c.response("e3").get("Message"));
        }
    }

    @Test
    void asyncOriginateAnsweredRunsTheCapturedEventsWithOurChannelId() throws Exception {
        try (AmiTestClient c = new AmiTestClient(ami.port())) {
            c.login("trunkline", "secret");
            c.send("Action: Originate", "Channel: Local/+27115550001@trunkline-out", "Context: sim", "Exten: answer",
                    "Priority: 1", "Timeout: 10000", "CallerID: \"Probe\" <5551234>", "Async: true",
                    "ChannelId: app-call-0002", "ActionID: cid2", "Variable: PROBEVAR=x1");
            AmiMessage queued = c.response("cid2");
            assertEquals("Success", queued.get("Response"));
            assertEquals("Originate successfully queued", queued.get("Message"));
            List<String> names = c.eventNamesUntil(m -> "Hangup".equals(m.get("Event"))
                    && "app-call-0002;2".equals(m.get("Uniqueid")), WAIT);
            assertEquals(List.of("Newchannel", "Newchannel", "VarSet", "VarSet", "LocalBridge", "DialBegin",
                    "Newstate", "DialState", "Newstate", "Newstate", "DialEnd", "OriginateResponse", "Hangup", "Hangup"),
                    names);
            AmiMessage resp = c.seen.stream().filter(m -> "OriginateResponse".equals(m.get("Event"))).findFirst()
                    .orElseThrow();
            assertEquals("cid2", resp.get("ActionID"));
            assertEquals("Success", resp.get("Response"));
            assertEquals("4", resp.get("Reason"));
            assertEquals("app-call-0002", resp.get("Uniqueid"));
            assertTrue(resp.get("Channel").startsWith("Local/+27115550001@trunkline-out-"));
            assertTrue(resp.get("Channel").endsWith(";1"));
            assertEquals("5551234", resp.get("CallerIDNum"));
            c.seen.stream().filter(m -> "Hangup".equals(m.get("Event")))
                    .forEach(h -> assertEquals("16", h.get("Cause")));
            AmiMessage first = c.seen.stream().filter(m -> "Newchannel".equals(m.get("Event"))).findFirst()
                    .orElseThrow();
            assertEquals("Down", first.get("ChannelStateDesc"));
            assertEquals("trunkline-out", first.get("Context"));
            assertEquals("+27115550001", first.get("Exten"));
        }
    }

    @Test
    void failuresCarryTheCapturedReasonsAndCauses() throws Exception {
        try (AmiTestClient c = new AmiTestClient(ami.port())) {
            c.login("trunkline", "secret");
            assertFailure(c, "busy", "10000", "5", 17, null);
            assertFailure(c, "noanswer", "300", "3", 19, null);
            assertFailure(c, "congestion", "10000", "8", 34, null);
            assertFailure(c, "reject", "10000", "0", 21, null);
            assertFailure(c, "doesnotexist", "10000", "0", 0, null);
            assertFailure(c, "busy", "10000", "5", 17, "app-call-0001");
            // a technology that is not loaded: queued, then Reason 0 without any channel
            c.send("Action: Originate", "Channel: Bogus/100", "Context: sim", "Exten: answer", "Async: true",
                    "ActionID: e2");
            assertEquals("Success", c.response("e2").get("Response"));
            AmiMessage r = c.await(m -> "OriginateResponse".equals(m.get("Event")) && "e2".equals(m.get("ActionID")),
                    WAIT);
            assertEquals("Failure", r.get("Response"));
            assertEquals("0", r.get("Reason"));
            assertEquals("<unknown>", r.get("Uniqueid"));
        }
    }

    private void assertFailure(AmiTestClient c, String exten, String timeout, String reason, int cause,
            String channelId) throws Exception {
        String id = "f-" + exten + (channelId == null ? "" : "-cid");
        c.send("Action: Originate", "Channel: Local/" + exten + "@sim", "Context: sim", "Exten: answer",
                "Timeout: " + timeout, "Async: true", "ActionID: " + id,
                channelId == null ? "X-Ignored: 1" : "ChannelId: " + channelId);
        assertEquals("Originate successfully queued", c.response(id).get("Message"));
        int from = c.seen.size();
        AmiMessage r = c.await(m -> "OriginateResponse".equals(m.get("Event")) && id.equals(m.get("ActionID")), WAIT);
        assertEquals("Failure", r.get("Response"), exten);
        assertEquals(reason, r.get("Reason"), exten);
        assertEquals("Local/" + exten + "@sim", r.get("Channel"), "failure names the dial string as sent");
        assertEquals(channelId == null ? "<unknown>" : channelId, r.get("Uniqueid"));
        // both hangups of this call, wherever they fall relative to the response
        java.util.Set<String> hung = new java.util.HashSet<>();
        java.util.function.Predicate<AmiMessage> isHangup = m -> "Hangup".equals(m.get("Event"))
                && m.get("Channel").startsWith("Local/" + exten + "@sim-");
        for (AmiMessage m : c.seen.subList(Math.max(0, from - 20), c.seen.size())) {
            if (isHangup.test(m)) {
                hung.add(m.get("Channel") + "=" + m.get("Cause"));
            }
        }
        while (hung.size() < 2) {
            AmiMessage h = c.await(isHangup, WAIT);
            hung.add(h.get("Channel") + "=" + h.get("Cause"));
        }
        assertTrue(hung.stream().anyMatch(h -> h.endsWith("=" + cause)), exten + " hangs up with cause " + cause
                + ": " + hung);
    }

    @Test
    void bridgeAndHangupActionsOnAnsweredCalls() throws Exception {
        try (AmiTestClient c = new AmiTestClient(ami.port())) {
            c.login("trunkline", "secret");
            for (String id : List.of("leg-a", "leg-b")) {
                c.send("Action: Originate", "Channel: Local/+27860000" + id.charAt(4) + "@out", "Context: hold",
                        "Exten: s", "Async: true", "ChannelId: " + id, "ActionID: o-" + id);
                c.await(m -> "OriginateResponse".equals(m.get("Event")) && ("o-" + id).equals(m.get("ActionID")),
                        WAIT);
            }
            c.send("Action: Bridge", "Channel1: leg-a", "Channel2: leg-b", "Tone: no", "ActionID: br");
            assertEquals("Success", c.response("br").get("Response"));
            c.await(m -> "BridgeEnter".equals(m.get("Event")) && "leg-b".equals(m.get("Uniqueid")), WAIT);
            assertEquals(2, ami.activeCalls());

            c.send("Action: CoreShowChannels", "ActionID: csc");
            assertEquals("Channels will follow", c.response("csc").get("Message"));
            AmiMessage complete = c.await(m -> "CoreShowChannelsComplete".equals(m.get("Event")), WAIT);
            assertEquals("4", complete.get("ListItems"));
            assertEquals("csc", complete.get("ActionID"));

            c.send("Action: Hangup", "Channel: leg-a", "ActionID: hu");
            assertEquals("Success", c.response("hu").get("Response"));
            // the bridge ends: the other leg is hung up too
            AmiMessage other = c.await(m -> "Hangup".equals(m.get("Event")) && "leg-b".equals(m.get("Uniqueid")), WAIT);
            assertEquals("16", other.get("Cause"));
            c.send("Action: Hangup", "Channel: leg-a", "ActionID: hu2");
            assertEquals("No such channel", c.response("hu2").get("Message"));
            assertEquals(0, ami.activeCalls());
        }
    }

    @Test
    void callsSurviveADroppedManagerConnection() throws Exception {
        try (AmiTestClient c = new AmiTestClient(ami.port())) {
            c.login("trunkline", "secret");
            c.send("Action: Originate", "Channel: Local/+27869999@out", "Exten: s", "Async: true",
                    "ChannelId: keep", "ActionID: k");
            c.await(m -> "OriginateResponse".equals(m.get("Event")), WAIT);
        }
        ami.dropConnections();
        try (AmiTestClient c = new AmiTestClient(ami.port())) {
            c.login("trunkline", "secret");
            c.send("Action: CoreShowChannels", "ActionID: again");
            AmiMessage ch = c.await(m -> "CoreShowChannel".equals(m.get("Event")), WAIT);
            assertEquals("keep", ch.get("Uniqueid"));
        }
    }

    @Test
    void callFilesRenamedIntoTheSpoolArePlacedAndArchived() throws Exception {
        Path outgoing = spool.resolve("outgoing");
        Path doneDir = spool.resolve("outgoing_done");
        try (AmiTestClient c = new AmiTestClient(ami.port())) {
            c.login("trunkline", "secret");
            Path staging = Files.createTempDirectory(spool, "staging");
            write(staging, outgoing, "cf1-answer.call", "Channel: Local/+27115550009@sim\nContext: sim\n"
                    + "Extension: answer\nPriority: 1\nCallerID: \"Spool\" <5550000>\nArchive: yes\n"
                    + "Set: TRUNKLINE_LEG=cf1\nMaxRetries: 0\nRetryTime: 5\nWaitTime: 10\n", null);
            write(staging, outgoing, "cf2-busy.call", "Channel: Local/busy@sim\nContext: sim\nExtension: answer\n"
                    + "Archive: yes\nMaxRetries: 0\n", null);
            write(staging, outgoing, "cf5-garbage.call", "this is not a call file\n", null);
            write(staging, outgoing, "cf6-later.call", "Channel: Local/+27115550010@sim\nContext: sim\n"
                    + "Extension: answer\nArchive: yes\n", Instant.now().plusSeconds(1));

            AmiMessage var = c.await(m -> "VarSet".equals(m.get("Event")) && "TRUNKLINE_LEG".equals(m.get("Variable")),
                    WAIT);
            assertEquals("cf1", var.get("Value"));
            awaitFile(doneDir.resolve("cf1-answer.call"));
            awaitFile(doneDir.resolve("cf2-busy.call"));
            String cf1 = Files.readString(doneDir.resolve("cf1-answer.call"));
            assertTrue(cf1.contains("StartRetry: "), cf1);
            assertTrue(cf1.endsWith("Status: Completed\n"), cf1);
            assertTrue(Files.readString(doneDir.resolve("cf2-busy.call")).endsWith("Status: Expired\n"));
            assertFalse(Files.exists(outgoing.resolve("cf5-garbage.call")), "garbage deleted");
            assertFalse(Files.exists(doneDir.resolve("cf5-garbage.call")), "garbage not archived");
            assertTrue(ami.placed().stream().noneMatch(p -> p.number().equals("+27115550010")),
                    "a future mtime is not placed yet");
            awaitFile(doneDir.resolve("cf6-later.call"));
            assertTrue(c.seen.stream().noneMatch(m -> "OriginateResponse".equals(m.get("Event"))),
                    "call files make no OriginateResponse");
            // no events mention the garbage file: only three calls placed
            assertEquals(3, ami.placed().size());
        }
    }

    private static void write(Path staging, Path outgoing, String name, String body, Instant mtime) throws Exception {
        Path tmp = staging.resolve(name);
        Files.writeString(tmp, body, StandardCharsets.UTF_8);
        if (mtime != null) {
            Files.setLastModifiedTime(tmp, FileTime.from(mtime));
        }
        Files.move(tmp, outgoing.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void awaitFile(Path p) throws InterruptedException {
        long until = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(p) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(p), "expected " + p);
    }
}
