package io.spinewatch.feedback;

/**
 * A vibration for the wearable: {@code pulses} pulses of {@code pulseMs} separated by
 * {@code gapMs}, at a relative motor {@code intensity}. The transport turns it into a device
 * command; each alert kind has its own so the wearer can tell them apart without looking.
 *
 * @param pulses    number of pulses, 1..10
 * @param pulseMs   length of each pulse in milliseconds, 20..2000 (shorter pulses are lost in the
 *                  spin-up time of small eccentric-mass motors)
 * @param gapMs     pause between pulses in milliseconds, 0..2000; at least 50 when there is more
 *                  than one pulse, or the pulses blur into one
 * @param intensity relative drive strength, above 0 and at most 1 (full drive)
 */
public record HapticPattern(int pulses, int pulseMs, int gapMs, double intensity) {

    /**
     * The slouch alert: two firm 200 ms pulses. Two pulses are not mistaken for a phone
     * notification, and firm enough to be felt through a shirt (our choice, to be tuned in trials).
     */
    public static final HapticPattern SLOUCH = new HapticPattern(2, 200, 150, 0.8);

    /**
     * A reminder: one short, weak pulse. A reminder repeats what the wearer already knows, so it
     * should be the gentlest thing that is still noticed.
     */
    public static final HapticPattern REMINDER = new HapticPattern(1, 120, 0, 0.4);

    /**
     * A movement break: three medium pulses, a rhythm distinct from the slouch buzz so "stand up"
     * is not read as "sit up".
     */
    public static final HapticPattern MOVEMENT_BREAK = new HapticPattern(3, 150, 200, 0.6);

    public HapticPattern {
        if (pulses < 1 || pulses > 10) throw new IllegalArgumentException("pulses must be in 1..10: " + pulses);
        if (pulseMs < 20 || pulseMs > 2000) throw new IllegalArgumentException("pulseMs must be in 20..2000: " + pulseMs);
        if (gapMs < 0 || gapMs > 2000) throw new IllegalArgumentException("gapMs must be in 0..2000: " + gapMs);
        if (pulses > 1 && gapMs < 50) throw new IllegalArgumentException("gapMs must be at least 50 between pulses: " + gapMs);
        if (!(intensity > 0 && intensity <= 1)) throw new IllegalArgumentException("intensity must be in (0, 1]: " + intensity);
    }

    /** The default pattern for an alert kind. */
    public static HapticPattern defaultFor(AlertKind kind) {
        return switch (kind) {
            case SLOUCH -> SLOUCH;
            case REMINDER -> REMINDER;
            case MOVEMENT_BREAK -> MOVEMENT_BREAK;
        };
    }

    /** How long the whole pattern takes, in milliseconds. */
    public int totalMs() {
        return pulses * pulseMs + (pulses - 1) * gapMs;
    }

    /** Vibration energy relative to one full-drive second: intensity times time switched on. */
    public double energy() {
        return intensity * pulses * pulseMs / 1000.0;
    }
}
