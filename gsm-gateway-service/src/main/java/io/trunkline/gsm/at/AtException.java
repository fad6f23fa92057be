package io.trunkline.gsm.at;

/** A modem answer that does not have the shape TS 27.005 gives it. */
public class AtException extends IllegalArgumentException {
    public AtException(String message) {
        super(message);
    }
}
