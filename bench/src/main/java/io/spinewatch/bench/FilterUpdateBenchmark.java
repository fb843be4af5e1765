package io.spinewatch.bench;

import io.spinewatch.fusion.MadgwickBaseline;
import io.spinewatch.fusion.OrientationFilter;
import io.spinewatch.fusion.Quat;
import io.spinewatch.fusion.Vec3;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One 6-axis update of our orientation filter and of the textbook Madgwick baseline, on the same recorded-like
 * samples: a seated wearer swaying ({@code motion}: the motion bias Kalman step runs on every sample) or
 * sitting still ({@code rest}: the rest bias step runs). Both carry a 1 deg/s gyroscope bias and MEMS-like noise.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FilterUpdateBenchmark {
    private static final int SAMPLES = 1 << 14;
    private static final double DT = 0.01;

    @Param({"motion", "rest"})
    public String scenario;

    private final double[] data = new double[6 * SAMPLES];
    private int oursIndex;
    private int madgwickIndex;
    private OrientationFilter ours;
    private MadgwickBaseline madgwick;

    @Setup(Level.Trial)
    public void setUp() {
        Random rnd = new Random(42);
        boolean moving = scenario.equals("motion");
        double loopSeconds = SAMPLES * DT;
        Quat q = new Quat();
        Quat previous = new Quat();
        Quat rx = new Quat();
        Quat ry = new Quat();
        Quat delta = new Quat();
        Vec3 acc = new Vec3();
        double gyroNoise = Math.toRadians(0.1);
        for (int k = 0; k <= SAMPLES; k++) {
            double t = k * DT;
            // Sway of about 10 deg on two axes with periods that divide the loop, so wrapping around is seamless.
            double a = moving ? 0.2 * Math.sin(2 * Math.PI * 20 * t / loopSeconds) : 0;
            double b = moving ? 0.15 * Math.sin(2 * Math.PI * 10 * t / loopSeconds) : 0;
            q.multiply(rx.setAxisAngle(1, 0, 0, a), ry.setAxisAngle(0, 1, 0, b));
            if (k > 0) {
                // The body rate that carries the previous pose to this one over the interval.
                delta.set(previous).conjugate();
                delta.multiply(delta, q).canonicalize();
                double vn = Math.sqrt(delta.x * delta.x + delta.y * delta.y + delta.z * delta.z);
                double s = vn > 0 ? 2 * Math.atan2(vn, delta.w) / vn / DT : 0;
                q.rotateInverse(acc.set(0, 0, 9.81), acc);
                int o = 6 * (k - 1);
                data[o] = delta.x * s + Math.toRadians(1) + gyroNoise * rnd.nextGaussian();
                data[o + 1] = delta.y * s + gyroNoise * rnd.nextGaussian();
                data[o + 2] = delta.z * s + gyroNoise * rnd.nextGaussian();
                data[o + 3] = acc.x + 0.02 * rnd.nextGaussian();
                data[o + 4] = acc.y + 0.02 * rnd.nextGaussian();
                data[o + 5] = acc.z + 0.02 * rnd.nextGaussian();
            }
            previous.set(q);
        }
        ours = new OrientationFilter();
        madgwick = new MadgwickBaseline();
        // Past the start-up phase, so the steady-state path is what is measured.
        for (int k = 0; k < 2 * SAMPLES; k++) {
            oursUpdate();
            madgwickUpdate();
        }
        // Measure the path the scenario names, not a cheaper one.
        if (ours.isAccelerationRejected() || ours.isRestDetected() == moving || ours.isInitialising()) {
            throw new IllegalStateException("filter not on the " + scenario + " path after warm-up");
        }
    }

    /** The offset of the sample after {@code o}, wrapping around (the motion is periodic over the loop). */
    private int after(int o) {
        return o + 6 == data.length ? 0 : o + 6;
    }

    @Benchmark
    public boolean oursUpdate() {
        int o = oursIndex;
        oursIndex = after(o);
        double[] d = data;
        return ours.update(DT, d[o], d[o + 1], d[o + 2], d[o + 3], d[o + 4], d[o + 5]);
    }

    @Benchmark
    public MadgwickBaseline madgwickUpdate() {
        int o = madgwickIndex;
        madgwickIndex = after(o);
        double[] d = data;
        madgwick.update(DT, d[o], d[o + 1], d[o + 2], d[o + 3], d[o + 4], d[o + 5]);
        return madgwick;
    }
}
