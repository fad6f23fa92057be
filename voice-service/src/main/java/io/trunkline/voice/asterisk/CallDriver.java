package io.trunkline.voice.asterisk;

/**
 * A way of placing calls on Asterisk. Results come back on the {@link LegListener}; no method throws for a call that
 * cannot be placed: that comes back as an ended leg with its reason.
 */
public interface CallDriver {
    String name();

    /** Whether two answered legs can be bridged (AMI Bridge); call files cannot. */
    boolean canBridge();

    void originate(LegSpec spec);

    /** Hangs up a leg (ringing or answered); a leg that is already gone is ignored. */
    void hangup(String legId, int cause);

    /** Bridges two answered legs; false if Asterisk refused. */
    boolean bridge(String legA, String legB);

    void listener(LegListener listener);
}
