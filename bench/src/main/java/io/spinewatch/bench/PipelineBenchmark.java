package io.spinewatch.bench;

import io.spinewatch.feedback.DrillCatalogue;
import io.spinewatch.fusion.OrientationFilter;
import io.spinewatch.pipeline.PipelineParams;
import io.spinewatch.pipeline.PostureListener;
import io.spinewatch.pipeline.StateChange;
import io.spinewatch.pipeline.WearerPipeline;
import io.spinewatch.posture.PostureState;
import io.spinewatch.posture.SpineAngles;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.sim.Mountings;
import io.spinewatch.sim.Scenario;
import io.spinewatch.sim.SensorNoise;
import io.spinewatch.sim.Session;
import io.spinewatch.sim.SimulatedSample;
import io.spinewatch.sim.Simulation;
import io.spinewatch.sim.SimulationListener;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Samples per second through one wearer's {@link WearerPipeline} (filters, calibration, activity, angles, state,
 * alerts, drills), on one thread, against the orientation filter updates alone on the same samples: the ratio is
 * what the rest of the pipeline costs. The samples are pre-generated in memory by the simulator (a 10-minute
 * random office, 3 sensors at 100 Hz, realistic noise and radio loss), so no parsing is measured; each invocation
 * replays the whole session through fresh objects, calibration included. Scores are samples per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PipelineBenchmark {
    /** Samples replayed per invocation: the first 150 000 of the session (about 8.5 of its 10 minutes). */
    static final int N = 150_000;
    private static final long[] TIME_MICROS;
    private static final byte[] SLOT;
    private static final double[] IMU; // gx gy gz ax ay az per sample
    private static final double CALIBRATE_FROM;
    private static final double CALIBRATE_TO;

    static {
        Session session = Scenario.randomOffice(10).compile(7);
        Simulation.Config config = Simulation.Config.of(100, SensorNoise.REALISTIC, Mountings.random(7));
        int capacity = (int) (3 * 100 * session.durationS()) + 16;
        long[] t = new long[capacity];
        byte[] slot = new byte[capacity];
        double[] imu = new double[6 * capacity];
        int[] n = {0};
        Simulation.run(session, config, new SimulationListener() {
            @Override
            public void onSample(SimulatedSample s) {
                ImuSample x = s.imu();
                int k = n[0]++;
                t[k] = x.deviceTimeMicros();
                slot[k] = (byte) x.slot().ordinal();
                int o = 6 * k;
                imu[o] = x.gxRadPerS();
                imu[o + 1] = x.gyRadPerS();
                imu[o + 2] = x.gzRadPerS();
                imu[o + 3] = x.axMps2();
                imu[o + 4] = x.ayMps2();
                imu[o + 5] = x.azMps2();
            }
        });
        if (n[0] < N) throw new IllegalStateException("the session gave only " + n[0] + " samples");
        TIME_MICROS = t;
        SLOT = slot;
        IMU = imu;
        CALIBRATE_FROM = session.calibration().startS();
        CALIBRATE_TO = session.calibration().endS();
    }

    /** {@code off}: no angles event per step (as a live wearer without a dashboard); {@code on}: one per step. */
    @Param({"off", "on"})
    public String angles;

    private PipelineParams params;
    private final ImuSample sample = new ImuSample();
    private static final SensorSlot[] SLOTS = SensorSlot.values();

    @Setup(Level.Trial)
    public void setUp() {
        params = PipelineParams.DEFAULT.withAnglesEnabled(angles.equals("on"));
    }

    /** Events go to the blackhole, so nothing the pipeline produces is dead code. */
    static final class Sink implements PostureListener {
        final Blackhole bh;

        Sink(Blackhole bh) {
            this.bh = bh;
        }

        @Override
        public void onStateChange(StateChange change) {
            bh.consume(change);
        }

        @Override
        public void onAngles(SpineAngles a, PostureState state) {
            bh.consume(a);
        }
    }

    /** The whole pipeline, per sample. */
    @Benchmark
    @OperationsPerInvocation(N)
    public long pipeline(Blackhole bh) {
        WearerPipeline p = new WearerPipeline(params, DrillCatalogue.bundled(), new Sink(bh));
        p.calibrateDuring(CALIBRATE_FROM, CALIBRATE_TO);
        ImuSample s = sample;
        double[] d = IMU;
        for (int k = 0; k < N; k++) {
            int o = 6 * k;
            s.set(0, SLOTS[SLOT[k]], k, TIME_MICROS[k], d[o + 3], d[o + 4], d[o + 5], d[o], d[o + 1], d[o + 2]);
            p.onSample(s);
        }
        p.finish();
        return p.stepCount() + p.state().ordinal();
    }

    /** The baseline: only the three orientation filters' updates, on the same samples. */
    @Benchmark
    @OperationsPerInvocation(N)
    public void filterOnly(Blackhole bh) {
        OrientationFilter[] f = {new OrientationFilter(params.filter()), new OrientationFilter(params.filter()),
            new OrientationFilter(params.filter())};
        double[] d = IMU;
        for (int k = 0; k < N; k++) {
            int o = 6 * k;
            bh.consume(f[SLOT[k]].updateAtMicros(TIME_MICROS[k], d[o], d[o + 1], d[o + 2], d[o + 3], d[o + 4], d[o + 5]));
        }
    }
}
