package io.spinewatch.pipeline;

import io.spinewatch.protocol.SensorSlot;

/**
 * Maps each sensor's device time onto one wearer timeline.
 *
 * <p>Every sensor has its own clock, with its own origin and a drift of tens of ppm (up to ~1 s apart after an
 * 8 h day). The wearer timeline is the clock of an anchor sensor (the first one heard). Another sensor's time is
 * {@code t_device + offset}; the offset starts as the anchor's latest time minus the device time of the first
 * sample, and then follows, with a time constant of {@link #OFFSET_TAU_SECONDS}, {@code anchorLatest -
 * t_device + anchorInterval / 2}: samples arrive in the order they were taken (to within the link's latency),
 * so when a sample of another sensor arrives the anchor's latest sample is on average half an anchor interval
 * older. The slow tracking follows the ppm drift without letting one late packet move the timeline.
 * If the anchor falls silent for {@link #REANCHOR_SECONDS}, the sensor heard next becomes the anchor, keeping
 * its current offset so the timeline stays continuous. Allocation-free.
 */
public final class WearerClock {
    public static final double OFFSET_TAU_SECONDS = 30;
    public static final double REANCHOR_SECONDS = 2;

    private final boolean[] seen = new boolean[SensorSlot.COUNT];
    private final double[] offsetSeconds = new double[SensorSlot.COUNT];
    private final double[] lastDeviceSeconds = new double[SensorSlot.COUNT];
    private int anchor = -1;
    private double anchorLatestSeconds = Double.NaN;
    private double anchorIntervalSeconds = 0.01;
    private double latestSeconds = Double.NEGATIVE_INFINITY;

    /** The wearer time of a sample taken at {@code deviceSeconds} on the clock of {@code slot}. */
    public double map(SensorSlot slot, double deviceSeconds) {
        int i = slot.ordinal();
        if (anchor >= 0 && i != anchor && seen[anchor] && latestSeconds - anchorLatestSeconds > REANCHOR_SECONDS && seen[i]) {
            anchor = i;
            anchorLatestSeconds = lastDeviceSeconds[i] + offsetSeconds[i];
        }
        if (anchor < 0) {
            anchor = i;
        }
        if (!seen[i]) {
            seen[i] = true;
            offsetSeconds[i] = i == anchor || Double.isNaN(anchorLatestSeconds) ? 0 : anchorLatestSeconds - deviceSeconds;
        } else if (i != anchor) {
            double dt = Math.max(0, deviceSeconds - lastDeviceSeconds[i]);
            double estimate = anchorLatestSeconds - deviceSeconds + anchorIntervalSeconds / 2;
            double err = estimate - offsetSeconds[i];
            if (Math.abs(err) < 1) { // a stall of the link is not a clock change
                offsetSeconds[i] += err * (1 - Math.exp(-dt / OFFSET_TAU_SECONDS));
            }
        }
        double t = deviceSeconds + offsetSeconds[i];
        if (i == anchor) {
            if (!Double.isNaN(anchorLatestSeconds)) {
                double interval = t - anchorLatestSeconds;
                if (interval > 0 && interval < 0.2) {
                    anchorIntervalSeconds += (interval - anchorIntervalSeconds) * 0.01;
                }
            }
            anchorLatestSeconds = t;
        }
        lastDeviceSeconds[i] = deviceSeconds;
        latestSeconds = Math.max(latestSeconds, t);
        return t;
    }

    /** The offset added to the device time of {@code slot}, s (0 before it is heard). */
    public double offsetSeconds(SensorSlot slot) {
        return offsetSeconds[slot.ordinal()];
    }

    /** The anchor's slot, null before any sample. */
    public SensorSlot anchor() {
        return anchor < 0 ? null : SensorSlot.values()[anchor];
    }

    /** The latest wearer time seen. */
    public double latestSeconds() {
        return latestSeconds;
    }
}
