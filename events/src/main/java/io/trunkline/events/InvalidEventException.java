package io.trunkline.events;

/** An event that cannot be read: bad JSON, a missing header or field. Consumers send it to the DLQ. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
