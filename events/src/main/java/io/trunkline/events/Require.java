package io.trunkline.events;

/** Field checks for the records' compact constructors: a required field missing is an invalid event. */
final class Require {
    private Require() {
    }

    static <T> T present(T value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException("missing field " + field);
        }
        return value;
    }

    static int notNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException("field " + field + " must not be negative");
        }
        return value;
    }
}
