package io.spinewatch.loadgen;

import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.NativeProtocol;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.sim.Mountings;
import io.spinewatch.sim.Scenario;
import io.spinewatch.sim.SensorNoise;
import io.spinewatch.sim.Session;
import io.spinewatch.sim.SimulatedSample;
import io.spinewatch.sim.Simulation;

/**
 * A few minutes of one simulated wearer's three sensors, kept as the int16 counts firmware would send, so that a
 * load generator can loop it for thousands of wearers without running the simulator per wearer.
 *
 * <p>Counts are stored per slot, six axes per sample (acc x, y, z, gyro x, y, z), at the declared full scales
 * {@value #ACC_RANGE_G} g and {@value #GYRO_RANGE_DPS} deg/s.
 */
public final class LoadProfile {
    public static final int ACC_RANGE_G = 16;
    public static final int GYRO_RANGE_DPS = 2000;
    static final int AXES = 6;

    private final short[][] counts;
    private final int samples;
    private final double rateHz;

    private LoadProfile(short[][] counts, int samples, double rateHz) {
        this.counts = counts;
        this.samples = samples;
        this.rateHz = rateHz;
    }

    /**
     * Runs the simulator over a random office session for {@code seconds} and keeps every sensor's samples.
     *
     * @param seed    the session and mounting seed
     * @param rateHz  sample rate per sensor, 10..1000 Hz
     * @param seconds length of the profile, 1..3600 s
     */
    public static LoadProfile simulate(long seed, double rateHz, double seconds) {
        if (!(rateHz >= 10 && rateHz <= 1000)) throw new IllegalArgumentException("rateHz must be in 10..1000: " + rateHz);
        if (!(seconds >= 1 && seconds <= 3600)) throw new IllegalArgumentException("seconds must be in 1..3600: " + seconds);
        int n = (int) Math.round(seconds * rateHz);
        short[][] counts = new short[SensorSlot.COUNT][n * AXES];
        int[] filled = new int[SensorSlot.COUNT];
        Simulation.Config sim = Simulation.Config.of(rateHz, SensorNoise.REALISTIC, Mountings.random(seed));
        // A random session long enough to cover the profile; the simulator is stopped once every slot is full.
        Session session = Scenario.randomOffice(Math.max(1, Math.ceil(seconds / 60) + 1)).compile(seed, sim.geometry(), sim.bodySway());
        double acc = NativeProtocol.accMps2PerCount(ACC_RANGE_G);
        double gyro = NativeProtocol.gyroRadPerSPerCount(GYRO_RANGE_DPS);
        try {
            Simulation.run(session, sim, (SimulatedSample s) -> {
                ImuSample imu = s.imu();
                int slot = imu.slot().ordinal();
                int i = filled[slot];
                if (i < n) {
                    short[] c = counts[slot];
                    int p = i * AXES;
                    c[p] = clamp(imu.axMps2() / acc);
                    c[p + 1] = clamp(imu.ayMps2() / acc);
                    c[p + 2] = clamp(imu.azMps2() / acc);
                    c[p + 3] = clamp(imu.gxRadPerS() / gyro);
                    c[p + 4] = clamp(imu.gyRadPerS() / gyro);
                    c[p + 5] = clamp(imu.gzRadPerS() / gyro);
                    filled[slot] = i + 1;
                }
                if (filled[0] >= n && filled[1] >= n && filled[2] >= n) throw new Full();
            });
        } catch (Full e) {
            // enough
        }
        for (int f : filled) {
            if (f < n) throw new IllegalStateException("the simulated session was shorter than the profile: " + f + " < " + n);
        }
        return new LoadProfile(counts, n, rateHz);
    }

    /** Thrown inside the simulator's callback to end it once the profile is full. */
    private static final class Full extends RuntimeException {
        Full() {
            super(null, null, false, false);
        }
    }

    static short clamp(double v) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
    }

    /** Samples per sensor; the profile loops after this many. */
    public int samples() {
        return samples;
    }

    public double rateHz() {
        return rateHz;
    }

    /** One axis count of sample {@code index} (taken modulo {@link #samples()}) of {@code slot}; axis 0..5. */
    public short count(SensorSlot slot, long index, int axis) {
        return counts[slot.ordinal()][(int) Math.floorMod(index, (long) samples) * AXES + axis];
    }
}
