package io.spinewatch.sim;

import io.spinewatch.fusion.Quat;
import io.spinewatch.fusion.Vec3;
import io.spinewatch.protocol.SensorSlot;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a simulated wearer: streams every delivered IMU sample of the three sensors, and the truth on a
 * regular grid, to a listener in true-time order, without files.
 *
 * <pre>
 *   Simulation.run(Scenario.named("demo"), 7, SensorNoise.REALISTIC, Mountings.random(7), 100, listener);
 * </pre>
 * Allocation-free per sample; a 10-minute session at 100 Hz takes a fraction of a second.
 */
public final class Simulation {
    /**
     * The simulated earth magnetic field in earth axes, microtesla: 50 uT total, inclination 60 deg
     * downward, earth x pointing to magnetic north (about central Europe; the world magnetic model gives
     * 45-55 uT and 60-67 deg there).
     */
    public static final double EARTH_FIELD_MICRO_TESLA = 50;
    public static final double EARTH_FIELD_INCLINATION_DEG = 60;

    private Simulation() {
    }

    /**
     * How to simulate.
     *
     * @param sampleRateHz nominal output data rate of every device. Default {@value #DEFAULT_RATE_HZ}
     * @param noise the sensors' imperfections
     * @param mountings how the sensors are taped on
     * @param magnetometer whether samples carry a magnetometer reading
     * @param truthRateHz rate of {@link TruthFrame}s on the true time base; default the sample rate
     * @param geometry the body
     * @param bodySway breathing and small re-settling shifts during holds (default on)
     */
    public record Config(double sampleRateHz, SensorNoise noise, Mountings mountings, boolean magnetometer,
                         double truthRateHz, BodyGeometry geometry, boolean bodySway) {
        public static final double DEFAULT_RATE_HZ = 100;

        public Config {
            if (!(sampleRateHz >= 1 && sampleRateHz <= 2000)) {
                throw new IllegalArgumentException("sampleRateHz must be in 1..2000: " + sampleRateHz);
            }
            if (!(truthRateHz > 0 && truthRateHz <= 2000)) {
                throw new IllegalArgumentException("truthRateHz must be in (0, 2000]: " + truthRateHz);
            }
            if (noise.timestampJitterMaxMicros() * 1e-6 >= 0.5 / sampleRateHz) {
                throw new IllegalArgumentException("timestamp jitter must stay under half a sample period");
            }
        }

        /** The given noise and mountings at the given rate, truth at the same rate, adult body with sway. */
        public static Config of(double sampleRateHz, SensorNoise noise, Mountings mountings) {
            return new Config(sampleRateHz, noise, mountings, false, sampleRateHz, BodyGeometry.ADULT, true);
        }

        public Config withMagnetometer(boolean on) {
            return new Config(sampleRateHz, noise, mountings, on, truthRateHz, geometry, bodySway);
        }

        public Config withTruthRate(double hz) {
            return new Config(sampleRateHz, noise, mountings, magnetometer, hz, geometry, bodySway);
        }

        public Config withBodySway(boolean on) {
            return new Config(sampleRateHz, noise, mountings, magnetometer, truthRateHz, geometry, on);
        }

        public Config withGeometry(BodyGeometry g) {
            return new Config(sampleRateHz, noise, mountings, magnetometer, truthRateHz, g, bodySway);
        }
    }

    /** Compiles {@code scenario} for {@code seed} and runs it; the convenience form of {@link #run(Session, Config, SimulationListener)}. */
    public static SimulationResult run(Scenario scenario, long seed, SensorNoise noise, Mountings mountings,
                                       double sampleRateHz, SimulationListener listener) {
        Config config = Config.of(sampleRateHz, noise, mountings);
        return run(scenario.compile(seed, config.geometry(), config.bodySway()), config, listener);
    }

    /**
     * The devices a run of {@code session} with {@code config} will simulate, before running it: clocks,
     * constant biases and planned burst outages (counts still zero). For metadata written ahead of samples.
     */
    public static List<SimulationResult.Device> devices(Session session, Config config) {
        List<SimulationResult.Device> d = new ArrayList<>();
        for (SensorSlot s : SensorSlot.values()) {
            d.add(new SimulatedImu(s, session.seed(), config.noise(), config.sampleRateHz(), session.durationS()).report());
        }
        return d;
    }

    /** Runs a compiled session; the sensors' random draws come from the session's seed. */
    public static SimulationResult run(Session session, Config config, SimulationListener listener) {
        double end = session.durationS();
        long seed = session.seed();
        BodyModel body = new BodyModel(config.geometry());
        SimulatedImu[] imus = new SimulatedImu[SensorSlot.COUNT];
        Timeline.Cursor[] cursors = new Timeline.Cursor[SensorSlot.COUNT];
        Quat[] mounts = new Quat[SensorSlot.COUNT];
        for (SensorSlot s : SensorSlot.values()) {
            imus[s.ordinal()] = new SimulatedImu(s, seed, config.noise(), config.sampleRateHz(), end);
            cursors[s.ordinal()] = session.timeline().cursor();
            mounts[s.ordinal()] = config.mountings().get(s, new Quat());
        }
        Timeline.Cursor truthCursor = session.timeline().cursor();
        double inc = Math.toRadians(EARTH_FIELD_INCLINATION_DEG);
        Vec3 field = new Vec3(EARTH_FIELD_MICRO_TESLA * Math.cos(inc), 0, -EARTH_FIELD_MICRO_TESLA * Math.sin(inc));
        JointState joints = new JointState();
        SimulatedSample sample = new SimulatedSample();
        TruthFrame frame = new TruthFrame();
        double truthStep = 1.0 / config.truthRateHz();
        long k = 0;
        boolean mag = config.magnetometer();
        while (true) {
            double tTruth = k * truthStep;
            double best = tTruth <= end ? tTruth : Double.POSITIVE_INFINITY;
            int who = -1;
            for (int i = 0; i < imus.length; i++) {
                double tn = imus[i].nextTrueTimeS();
                if (tn <= end && tn < best) {
                    best = tn;
                    who = i;
                }
            }
            if (best == Double.POSITIVE_INFINITY) {
                break;
            }
            if (who < 0) {
                truthCursor.evaluate(tTruth, frame.joints);
                body.evaluate(frame.joints);
                frame.tS = tTruth;
                frame.state = session.stateAt(tTruth);
                for (SensorSlot s : SensorSlot.values()) {
                    body.sensorOrientation(s, mounts[s.ordinal()], frame.orientation[s.ordinal()]);
                }
                listener.onTruth(frame);
                k++;
            } else {
                body.evaluate(cursors[who].evaluate(best, joints), imus[who].slot);
                if (imus[who].sample(body, mounts[who], field, mag, sample)) {
                    listener.onSample(sample);
                }
            }
        }
        List<SimulationResult.Device> devices = new ArrayList<>();
        for (SimulatedImu imu : imus) {
            devices.add(imu.report());
        }
        return new SimulationResult(end, k, devices);
    }
}
