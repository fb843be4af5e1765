package io.spinewatch.protocol;

/**
 * Set every sensor's output rate; the device picks its IMU's nearest supported rate at or above it
 * and reports the rate in use in its next {@link DeviceStatus}.
 *
 * @param deviceId target device, 32-bit
 * @param commandId echoed in the acknowledgement, 0..65535
 * @param sampleRateHz requested rate, 1..{@value #MAX_SAMPLE_RATE_HZ} Hz
 */
public record SetSampleRateCommand(long deviceId, int commandId, int sampleRateHz) implements Command {
    /** Far above what posture needs (50-100 Hz) but within common MEMS IMU output rates. */
    public static final int MAX_SAMPLE_RATE_HZ = 3200;

    public SetSampleRateCommand {
        Checks.u32("deviceId", deviceId);
        Checks.u16("commandId", commandId);
        Checks.range("sampleRateHz", sampleRateHz, 1, MAX_SAMPLE_RATE_HZ);
    }

    @Override
    public int wireType() {
        return NativeProtocol.TYPE_SET_SAMPLE_RATE;
    }
}
