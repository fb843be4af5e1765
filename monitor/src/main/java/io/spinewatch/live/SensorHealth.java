package io.spinewatch.live;

import java.util.OptionalDouble;

/**
 * How one worn sensor is doing, as the ingest layer last measured it.
 *
 * @param rateHz     samples received per second over the last few seconds
 * @param lossRatio  fraction of samples lost (from sequence gaps) over the same window, 0..1
 * @param batteryPct battery charge in percent (0..100), empty when the device does not report it
 * @param silent     true when nothing has arrived from this sensor for longer than the source's
 *                   silence timeout
 */
public record SensorHealth(double rateHz, double lossRatio, OptionalDouble batteryPct, boolean silent) {
    public SensorHealth {
        if (!(rateHz >= 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException("rateHz must be finite and >= 0: " + rateHz);
        }
        if (!(lossRatio >= 0 && lossRatio <= 1)) {
            throw new IllegalArgumentException("lossRatio must be in 0..1: " + lossRatio);
        }
        if (batteryPct.isPresent() && !(batteryPct.getAsDouble() >= 0 && batteryPct.getAsDouble() <= 100)) {
            throw new IllegalArgumentException("batteryPct must be in 0..100: " + batteryPct.getAsDouble());
        }
    }
}
