package io.spinewatch.sim;

/** Derives independent random streams from one seed, so each stream is the same whatever else runs. */
final class Seeds {
    private Seeds() {
    }

    /** A well-mixed 64-bit value from a seed and a stream name or number (SplitMix64 finaliser). */
    static long mix(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
