package io.spinewatch.protocol.witmotion;

import io.spinewatch.protocol.SensorSlot;
import java.util.Objects;

/**
 * What the WitMotion wire does not say but a decoded sample needs: who the sensor is, where it is
 * worn, its full-scale ranges, the magnetometer's scale and the output rate it was configured with.
 *
 * @param deviceId stamped on every sample; the WitMotion wire carries no device identity.
 * @param slot stamped on every sample; the WitMotion wire carries no body position.
 * @param accRangeG accelerometer full scale: raw 32768 means this many g. Default
 *     {@value #DEFAULT_ACC_RANGE_G}: the scaling every WitMotion datasheet gives (raw/32768*16 g).
 * @param gyroRangeDegPerS gyroscope full scale: raw 32768 means this many deg/s. Default
 *     {@value #DEFAULT_GYRO_RANGE_DEG_PER_S}: the datasheets' raw/32768*2000 deg/s.
 * @param magMicroTeslaPerLsb magnetometer scale. Default {@value #DEFAULT_MAG_MICRO_TESLA_PER_LSB}:
 *     the WT901BLECL datasheet v20-0707 gives the field in mG (0.1 uT); the vendor SDK instead picks a
 *     factor from the magnetometer chip type in register 0x72 (0.0067..0.15 uT), and the WT901
 *     datasheet gives no unit. The monitor only uses the field's direction, so the factor matters
 *     little; set it when absolute values matter.
 * @param outputRateHz the rate the sensor was configured to send groups at (RRATE), used to derive
 *     a timestamp when no time packet (0x50) arrives. Default {@value #DEFAULT_OUTPUT_RATE_HZ}: the
 *     factory default rate.
 */
public record WitMotionSettings(long deviceId, SensorSlot slot, double accRangeG, double gyroRangeDegPerS,
                                double magMicroTeslaPerLsb, double outputRateHz) {
    public static final double DEFAULT_ACC_RANGE_G = 16;
    public static final double DEFAULT_GYRO_RANGE_DEG_PER_S = 2000;
    public static final double DEFAULT_MAG_MICRO_TESLA_PER_LSB = 0.1;
    public static final double DEFAULT_OUTPUT_RATE_HZ = 10;

    public WitMotionSettings {
        Objects.requireNonNull(slot, "slot");
        if (!(accRangeG > 0 && accRangeG <= 64)) {
            throw new IllegalArgumentException("accRangeG must be in (0, 64]: " + accRangeG);
        }
        if (!(gyroRangeDegPerS > 0 && gyroRangeDegPerS <= 8000)) {
            throw new IllegalArgumentException("gyroRangeDegPerS must be in (0, 8000]: " + gyroRangeDegPerS);
        }
        if (!(magMicroTeslaPerLsb > 0 && magMicroTeslaPerLsb <= 10)) {
            throw new IllegalArgumentException("magMicroTeslaPerLsb must be in (0, 10]: " + magMicroTeslaPerLsb);
        }
        if (!(outputRateHz >= 0.1 && outputRateHz <= 1000)) {
            throw new IllegalArgumentException("outputRateHz must be in [0.1, 1000]: " + outputRateHz);
        }
    }

    /** The defaults for a sensor with this identity and position. */
    public static WitMotionSettings of(long deviceId, SensorSlot slot) {
        return new WitMotionSettings(deviceId, slot, DEFAULT_ACC_RANGE_G, DEFAULT_GYRO_RANGE_DEG_PER_S,
                DEFAULT_MAG_MICRO_TESLA_PER_LSB, DEFAULT_OUTPUT_RATE_HZ);
    }

    /** A copy with another output rate, e.g. the one {@link WitMotionSetup} configured. */
    public WitMotionSettings withOutputRate(OutputRate rate) {
        return new WitMotionSettings(deviceId, slot, accRangeG, gyroRangeDegPerS, magMicroTeslaPerLsb, rate.hz());
    }

    /** The time between two groups, in microseconds. */
    public double periodMicros() {
        return 1e6 / outputRateHz;
    }
}
