package io.spinewatch.protocol;

/** Argument checks shared by the message records; they throw, since a bad value there is a programming error. */
final class Checks {
    private Checks() {
    }

    static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ": " + value);
        }
    }

    static void u32(String name, long value) {
        range(name, value, 0, 0xFFFF_FFFFL);
    }

    static void u16(String name, int value) {
        range(name, value, 0, 0xFFFF);
    }
}
