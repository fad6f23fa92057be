package io.trunkline.gateway.voice;

/** voice-service could not answer (down, too slow, failing or refusing the gateway): the tenant gets a 503 problem. */
public class VoiceUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** True when voice may have received and acted on the request (it timed out or the answer was lost). */
    private final boolean maybeDone;

    public VoiceUnavailableException(String detail, boolean maybeDone, Throwable cause) {
        super(detail, cause);
        this.maybeDone = maybeDone;
    }

    public boolean maybeDone() {
        return maybeDone;
    }
}
