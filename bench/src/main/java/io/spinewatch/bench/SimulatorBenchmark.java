package io.spinewatch.bench;

import io.spinewatch.sim.Mountings;
import io.spinewatch.sim.Scenario;
import io.spinewatch.sim.SensorNoise;
import io.spinewatch.sim.Session;
import io.spinewatch.sim.SimulatedSample;
import io.spinewatch.sim.Simulation;
import io.spinewatch.sim.SimulationListener;
import io.spinewatch.trace.TraceReader;
import io.spinewatch.trace.TraceWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The simulator and the trace format on a 10-minute office session at 100 Hz (180,000 samples): time per
 * sample, so the reciprocal is samples per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SimulatorBenchmark {
    /** 10 min x 100 Hz x 3 sensors. */
    private static final int SAMPLES = 180_000;

    private Session session;
    private Simulation.Config config;
    private byte[] trace;

    @Setup
    public void setUp() throws IOException {
        session = Scenario.randomOffice(10).compile(1);
        config = Simulation.Config.of(100, SensorNoise.REALISTIC.withoutDrops(), Mountings.random(1));
        trace = write();
    }

    private byte[] write() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 << 20);
        try (TraceWriter w = new TraceWriter(out, false)) {
            Simulation.run(session, config, s -> {
                var x = s.imu();
                try {
                    w.row(s.deviceTimeS(), x.slot(), x.axMps2(), x.ayMps2(), x.azMps2(), x.gxRadPerS(), x.gyRadPerS(), x.gzRadPerS());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return out.toByteArray();
    }

    /** Kinematics, sensor model and truth frames; no output. */
    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public void simulate(Blackhole bh) {
        Simulation.run(session, config, new SimulationListener() {
            @Override
            public void onSample(SimulatedSample s) {
                bh.consume(s.imu().azMps2());
            }
        });
    }

    /** Simulation plus formatting every row into a trace (in memory). */
    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public byte[] simulateAndWriteTrace() throws IOException {
        return write();
    }

    /** Parsing a plain trace back (in memory). */
    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public long readTrace(Blackhole bh) throws IOException {
        try (TraceReader r = TraceReader.open(new ByteArrayInputStream(trace))) {
            return r.read(row -> bh.consume(row.azMps2())).rows();
        }
    }
}
