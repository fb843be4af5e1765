package io.spinewatch.protocol;

/**
 * Make the device show itself (blink its LED, a short buzz) so a wearer can tell which one is which.
 *
 * @param deviceId target device, 32-bit
 * @param commandId echoed in the acknowledgement, 0..65535
 * @param durationMillis how long to signal, 1..{@value #MAX_DURATION_MILLIS} ms
 */
public record IdentifyCommand(long deviceId, int commandId, int durationMillis) implements Command {
    /** One minute is plenty to find a device on a desk. */
    public static final int MAX_DURATION_MILLIS = 60_000;

    public IdentifyCommand {
        Checks.u32("deviceId", deviceId);
        Checks.u16("commandId", commandId);
        Checks.range("durationMillis", durationMillis, 1, MAX_DURATION_MILLIS);
    }

    @Override
    public int wireType() {
        return NativeProtocol.TYPE_IDENTIFY;
    }
}
