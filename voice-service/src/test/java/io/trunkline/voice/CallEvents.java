package io.trunkline.voice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.trunkline.events.CallStatusChanged;
import io.trunkline.events.CdrRecorded;
import io.trunkline.events.EventEnvelope;
import io.trunkline.events.Topics;
import io.trunkline.testsupport.TestTopics;

/** What a call published on the real broker, read back for assertions. */
final class CallEvents {
    static final Duration WAIT = Duration.ofSeconds(30);

    private CallEvents() {
    }

    /** The call's status steps in order, up to and including its terminal one. */
    static List<CallStatusChanged> stepsUntilDone(String bootstrap, String callId) {
        return TestTopics.await(bootstrap, Topics.CALL_STATUS, CallStatusChanged.class,
                s -> s.callId().equals(callId) && s.status().terminal(), WAIT).stream()
                .map(EventEnvelope::payload).filter(s -> s.callId().equals(callId)).toList();
    }

    /** The call's CDRs, once {@code expected} of them have been published. */
    static List<CdrRecorded> cdrs(String bootstrap, String callId, int expected) {
        List<CdrRecorded> found = new ArrayList<>();
        TestTopics.await(bootstrap, Topics.CDR_EVENTS, CdrRecorded.class, c -> {
            if (c.subjectId().equals(callId)) {
                found.add(c);
            }
            return found.size() >= expected;
        }, WAIT);
        return found;
    }
}
