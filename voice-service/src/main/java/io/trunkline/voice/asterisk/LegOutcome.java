package io.trunkline.voice.asterisk;

/** How a leg ended. */
public enum LegOutcome {
    /** answered, then hung up */
    ANSWERED,
    BUSY,
    NO_ANSWER,
    CONGESTION,
    /** could not be placed, rejected, unknown number, hung up before answer */
    FAILED,
    /** its result was lost (Asterisk connection dropped and the channel was gone on reconnect) */
    LOST;

    public boolean retryable() {
        return this == BUSY || this == NO_ANSWER;
    }

    /** OriginateResponse Reason as Asterisk 22 sends it: 4 answered, 3 no answer, 5 busy, 8 congestion, else failed. */
    public static LegOutcome ofReason(Integer reason) {
        if (reason == null) {
            return FAILED;
        }
        return switch (reason) {
            case 4 -> ANSWERED;
            case 3 -> NO_ANSWER;
            case 5 -> BUSY;
            case 8 -> CONGESTION;
            default -> FAILED;
        };
    }

    /** A hangup cause (Q.850) of a leg that was not answered: 17 busy, 18/19 no answer, 34/42 congestion. */
    public static LegOutcome ofCause(Integer cause) {
        if (cause == null) {
            return FAILED;
        }
        return switch (cause) {
            case 17 -> BUSY;
            case 18, 19 -> NO_ANSWER;
            case 34, 42 -> CONGESTION;
            default -> FAILED;
        };
    }

    /** The cause a failed Originate implies when no Hangup told us one. */
    public Integer impliedCause() {
        return switch (this) {
            case BUSY -> 17;
            case NO_ANSWER -> 19;
            case CONGESTION -> 34;
            default -> null;
        };
    }
}
