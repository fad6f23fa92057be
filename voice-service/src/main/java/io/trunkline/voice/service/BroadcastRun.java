package io.trunkline.voice.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

import io.trunkline.events.CallStatus;

/**
 * SMS-to-speech broadcast: each number is called and, once answered, hears the text in the chosen voice. At most
 * {@code broadcast.max-concurrent} numbers (and never more than the channels reserved) are dialled at once; a busy or
 * unanswered number is tried again after {@code retry-delay}, up to {@code max-retries} more times. The call
 * completes when every number is done (reached or given up), and fails if nobody was reached.
 */
final class BroadcastRun extends CallRun {
    private record Target(String number, int attempt, Instant notBefore) {
    }

    private final List<String> numbers;
    private final String text;
    private final String voice;
    private final LinkedList<Target> todo = new LinkedList<>();
    private final List<String> reached = new ArrayList<>();
    private final List<String> missed = new ArrayList<>();
    private int active;
    private boolean pumpScheduled;

    BroadcastRun(CallEngine engine, CallInfo info, List<String> numbers, String text, String voice) {
        super(engine, info);
        this.numbers = numbers;
        this.text = text;
        this.voice = Voices.canonical(voice);
    }

    @Override
    int channelsNeeded() {
        return Math.max(1, Math.min(engine.config.broadcast().maxConcurrent(), numbers.size()));
    }

    private int limit() {
        return Math.max(1, Math.min(engine.config.broadcast().maxConcurrent(), reserved));
    }

    @Override
    void start() {
        if (text == null || text.isBlank()) {
            finish(CallStatus.FAILED, "speech broadcast without text");
            return;
        }
        if (voice == null) {
            finish(CallStatus.FAILED, "voice not offered (male|female-en-US|en-GB|en-IN)");
            return;
        }
        if (numbers.isEmpty()) {
            finish(CallStatus.FAILED, "speech broadcast without numbers");
            return;
        }
        Instant now = Instant.now();
        numbers.forEach(n -> todo.add(new Target(n, 1, now)));
        pump();
    }

    private void pump() {
        pumpScheduled = false;
        if (terminal != null) {
            return;
        }
        Instant now = Instant.now();
        Instant nextDue = null;
        Iterator<Target> it = todo.iterator();
        while (it.hasNext() && active < limit()) {
            Target t = it.next();
            if (t.notBefore().isAfter(now)) {
                nextDue = nextDue == null || t.notBefore().isBefore(nextDue) ? t.notBefore() : nextDue;
                continue;
            }
            it.remove();
            active++;
            status(CallStatus.DIALING_CUSTOMER, t.number(), t.attempt() > 1 ? "attempt " + t.attempt() : null);
            dial(t.number(), "LISTENER", t.attempt(), engine.config.ringTimeout(), engine.config.speechContext(),
                    Map.of("TTS_TEXT", text.replace('\n', ' ').replace(',', ' '), "TTS_VOICE",
                            Voices.espeakVoice(voice), "TTS_LANG", Voices.language(voice), "TTS_GENDER",
                            Voices.gender(voice)));
        }
        for (Target t : todo) {
            nextDue = nextDue == null || t.notBefore().isBefore(nextDue) ? t.notBefore() : nextDue;
        }
        if (nextDue != null && active < limit() && !pumpScheduled) {
            pumpScheduled = true;
            engine.later(this, Duration.between(now, nextDue).plusMillis(5), this::pump);
        }
        if (todo.isEmpty() && active == 0) {
            String summary = "reached " + reached.size() + " of " + numbers.size()
                    + (missed.isEmpty() ? "" : "; not reached: " + String.join("; ", missed));
            finish(reached.isEmpty() ? CallStatus.FAILED : CallStatus.COMPLETED, summary);
        }
    }

    @Override
    void legAnswered(Leg leg) {
        // the dialplan speaks the text; the leg ends when it hangs up
    }

    @Override
    void legEnded(Leg leg) {
        active--;
        int maxRetries = engine.config.broadcast().maxRetries();
        if (leg.answeredAt != null) {
            reached.add(leg.number);
        } else if (leg.outcome.retryable() && leg.attempt <= maxRetries) {
            todo.add(new Target(leg.number, leg.attempt + 1,
                    Instant.now().plus(engine.config.broadcast().retryDelay())));
        } else {
            missed.add(leg.number + " " + describe(leg.outcome)
                    + (leg.attempt > 1 ? " after " + leg.attempt + " attempts" : ""));
        }
        pump();
    }
}
