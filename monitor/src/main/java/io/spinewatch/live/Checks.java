package io.spinewatch.live;

/** Argument checks shared by the live records. */
final class Checks {
    private Checks() {
    }

    static String requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}
