package io.spinewatch.protocol;

/**
 * Buzz the wearable: {@code pulseCount} pulses of {@code pulseMillis}, separated by {@code gapMillis},
 * at {@code intensityPercent} of the motor's maximum.
 *
 * @param deviceId target device, 32-bit
 * @param commandId echoed in the acknowledgement, 0..65535
 * @param pulseCount 1..{@value #MAX_PULSES}
 * @param pulseMillis length of each pulse, 1..{@value #MAX_MILLIS} ms
 * @param gapMillis pause between pulses, 0..{@value #MAX_MILLIS} ms (ignored for one pulse)
 * @param intensityPercent 1..100 % of full drive
 */
public record HapticCommand(long deviceId, int commandId, int pulseCount, int pulseMillis, int gapMillis,
                            int intensityPercent) implements Command {
    /** A pattern longer than a few pulses stops being a cue and becomes a nuisance. */
    public static final int MAX_PULSES = 16;
    /** Five seconds: longer buzzes are never a posture cue. */
    public static final int MAX_MILLIS = 5000;

    public HapticCommand {
        Checks.u32("deviceId", deviceId);
        Checks.u16("commandId", commandId);
        Checks.range("pulseCount", pulseCount, 1, MAX_PULSES);
        Checks.range("pulseMillis", pulseMillis, 1, MAX_MILLIS);
        Checks.range("gapMillis", gapMillis, 0, MAX_MILLIS);
        Checks.range("intensityPercent", intensityPercent, 1, 100);
    }

    @Override
    public int wireType() {
        return NativeProtocol.TYPE_HAPTIC;
    }
}
