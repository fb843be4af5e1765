package io.spinewatch.protocol;

/**
 * What a wearable reports about itself: firmware, battery, streaming state, sample rate and the
 * health of each sensor slot. Immutable, safe to pass between threads.
 *
 * @param deviceId the device's 32-bit id (0..2^32-1)
 * @param firmwareMajor firmware version major, 0..255
 * @param firmwareMinor firmware version minor, 0..255
 * @param firmwarePatch firmware version patch, 0..65535
 * @param batteryMillivolts battery voltage, 0..65535 mV
 * @param batteryPercent the device's own state-of-charge estimate, 0..100 %
 * @param charging external power is connected and charging
 * @param streaming IMU batches are being sent
 * @param sampleRateHz the configured rate of each sensor, 1..65535 Hz
 * @param sensorsPresentMask bit {@code slot.wireCode()} set when that slot's sensor answered at boot
 * @param sensorsFaultMask bit {@code slot.wireCode()} set when that slot's sensor has since failed
 * @param uptimeSeconds seconds since boot, 0..2^32-1
 */
public record DeviceStatus(long deviceId, int firmwareMajor, int firmwareMinor, int firmwarePatch,
                           int batteryMillivolts, int batteryPercent, boolean charging, boolean streaming,
                           int sampleRateHz, int sensorsPresentMask, int sensorsFaultMask, long uptimeSeconds) {

    public DeviceStatus {
        Checks.u32("deviceId", deviceId);
        Checks.range("firmwareMajor", firmwareMajor, 0, 0xFF);
        Checks.range("firmwareMinor", firmwareMinor, 0, 0xFF);
        Checks.range("firmwarePatch", firmwarePatch, 0, 0xFFFF);
        Checks.range("batteryMillivolts", batteryMillivolts, 0, 0xFFFF);
        Checks.range("batteryPercent", batteryPercent, 0, 100);
        Checks.range("sampleRateHz", sampleRateHz, 1, 0xFFFF);
        Checks.range("sensorsPresentMask", sensorsPresentMask, 0, 0b111);
        Checks.range("sensorsFaultMask", sensorsFaultMask, 0, 0b111);
        Checks.u32("uptimeSeconds", uptimeSeconds);
    }

    /** Whether the sensor in {@code slot} answered at boot. */
    public boolean present(SensorSlot slot) {
        return (sensorsPresentMask & (1 << slot.wireCode())) != 0;
    }

    /** Whether the sensor in {@code slot} has failed since. */
    public boolean faulty(SensorSlot slot) {
        return (sensorsFaultMask & (1 << slot.wireCode())) != 0;
    }
}
