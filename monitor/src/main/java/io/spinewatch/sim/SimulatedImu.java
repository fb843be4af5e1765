package io.spinewatch.sim;

import io.spinewatch.fusion.Quat;
import io.spinewatch.fusion.Vec3;
import io.spinewatch.protocol.SensorSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated wearable IMU: its own clock, its constant and drifting errors, its lost samples. Turns the
 * exact readings of {@link BodyModel} into what the device would report. Every random draw comes from
 * streams derived from the seed and the slot, so a device's output does not depend on the others.
 */
final class SimulatedImu {
    private static final double DEG = Math.PI / 180;
    private static final double G = BodyModel.GRAVITY_MPS2;

    final SensorSlot slot;
    private final double periodS;
    private final double clockOffsetS;
    private final double clockRate;
    private final double phaseS;
    private final double jitterS;
    private final SplittableRandom noiseRnd;
    private final SplittableRandom dropRnd;
    private final double accSigma;
    private final double gyroSigma;
    private final double gyroWalkSigma;
    private final double magSigma;
    private final double dropProbability;
    private final boolean quantise;
    private final double accLsb;
    private final double gyroLsb;
    private final double[] accBias = new double[3];
    private final double[] accScale = new double[3];
    private final double[] gyroBias0 = new double[3];
    private final double[] gyroWalk = new double[3];
    private final double[] gyroScale = new double[3];
    private final double[] hardIron = new double[3];
    private final double[] burstStartS;
    private final double[] burstEndS;
    private final long[] burstLost;
    private int burstCursor;
    private long n;
    private long delivered;
    private long lost;

    private final Vec3 f = new Vec3();
    private final Vec3 w = new Vec3();
    private final Vec3 m = new Vec3();
    private final Quat q = new Quat();

    SimulatedImu(SensorSlot slot, long seed, SensorNoise p, double sampleRateHz, double durationS) {
        this.slot = slot;
        this.periodS = 1.0 / sampleRateHz;
        SplittableRandom setup = new SplittableRandom(Seeds.mix(seed, 0x696d7500L + slot.ordinal()));
        this.noiseRnd = new SplittableRandom(Seeds.mix(seed, 0x6e6f6900L + slot.ordinal()));
        this.dropRnd = new SplittableRandom(Seeds.mix(seed, 0x64726f00L + slot.ordinal()));
        boolean clockErrors = p.clockOffsetMaxS() > 0 || p.clockDriftMaxPpm() > 0;
        this.clockOffsetS = p.clockOffsetMaxS() > 0 ? setup.nextDouble(0, p.clockOffsetMaxS()) : 0;
        this.clockRate = 1 + (p.clockDriftMaxPpm() > 0 ? setup.nextDouble(-1, 1) * p.clockDriftMaxPpm() : 0) * 1e-6;
        this.phaseS = clockErrors ? setup.nextDouble(0, periodS) : 0;
        this.jitterS = p.timestampJitterMaxMicros() * 1e-6;
        double bandwidth = Math.sqrt(sampleRateHz / 2);
        this.accSigma = p.accNoiseMicroGPerRootHz() * 1e-6 * G * bandwidth;
        this.gyroSigma = p.gyroNoiseDegPerSPerRootHz() * DEG * bandwidth;
        this.gyroWalkSigma = p.gyroBiasWalkDegPerSPerRootS() * DEG * Math.sqrt(periodS);
        this.magSigma = p.magNoiseMicroTesla();
        this.dropProbability = p.dropProbability();
        this.quantise = p.quantise();
        this.accLsb = p.accRangeG() * G / 32768;
        this.gyroLsb = p.gyroRangeDegPerS() * DEG / 32768;
        for (int i = 0; i < 3; i++) {
            accBias[i] = symmetric(setup, p.accBiasMaxMilliG() * 1e-3 * G);
            accScale[i] = symmetric(setup, p.accScaleErrorMaxPercent() / 100);
            gyroBias0[i] = symmetric(setup, p.gyroBiasMaxDegPerS() * DEG);
            gyroScale[i] = symmetric(setup, p.gyroScaleErrorMaxPercent() / 100);
            hardIron[i] = symmetric(setup, p.magHardIronMaxMicroTesla());
        }
        List<double[]> bursts = new ArrayList<>();
        if (p.dropBurstsPerHour() > 0) {
            double meanGapS = 3600 / p.dropBurstsPerHour();
            double t = exponential(dropRnd, meanGapS);
            while (t < durationS) {
                double len = Math.min(exponential(dropRnd, p.dropBurstMeanS()), 10 * p.dropBurstMeanS());
                bursts.add(new double[] {t, t + len});
                t += len + exponential(dropRnd, meanGapS);
            }
        }
        burstStartS = new double[bursts.size()];
        burstEndS = new double[bursts.size()];
        burstLost = new long[bursts.size()];
        for (int i = 0; i < bursts.size(); i++) {
            burstStartS[i] = bursts.get(i)[0];
            burstEndS[i] = bursts.get(i)[1];
        }
    }

    private static double symmetric(SplittableRandom r, double max) {
        return max > 0 ? r.nextDouble(-max, max) : 0;
    }

    private static double exponential(SplittableRandom r, double mean) {
        return -mean * Math.log(1 - r.nextDouble());
    }

    /** The true instant of the next sample: the device samples on its own clock's ticks. */
    double nextTrueTimeS() {
        return (n * periodS + phaseS) / clockRate;
    }

    /**
     * Takes sample {@code n} from the body evaluated at {@link #nextTrueTimeS()}; returns whether it reached
     * the receiver. Lost samples still advance the sequence number and every random stream.
     */
    boolean sample(BodyModel body, Quat mounting, Vec3 earthFieldMicroTesla, boolean magnetometer,
                   SimulatedSample out) {
        double tTrue = nextTrueTimeS();
        long seq = n++;
        body.sensorOrientation(slot, mounting, out.trueOrientation);
        body.specificForce(slot, mounting, out.idealAccMps2);
        body.angularRate(slot, mounting, out.idealGyroRadPerS);
        Vec3 ia = out.idealAccMps2;
        Vec3 ig = out.idealGyroRadPerS;
        if (gyroWalkSigma > 0) {
            for (int i = 0; i < 3; i++) {
                gyroWalk[i] += gyroWalkSigma * noiseRnd.nextGaussian();
            }
        }
        out.gyroBiasRadPerS.set(gyroBias0[0] + gyroWalk[0], gyroBias0[1] + gyroWalk[1], gyroBias0[2] + gyroWalk[2]);
        Vec3 b = out.gyroBiasRadPerS;
        f.set(accOut(ia.x, 0), accOut(ia.y, 1), accOut(ia.z, 2));
        w.set(gyroOut(ig.x, 0, b.x), gyroOut(ig.y, 1, b.y), gyroOut(ig.z, 2, b.z));
        double device = clockOffsetS + seq * periodS + phaseS + (jitterS > 0 ? noiseRnd.nextDouble() * jitterS : 0);
        long micros = Math.round(device * 1e6);
        out.trueTimeS = tTrue;
        out.deviceTimeS = micros / 1e6;
        out.imu.set(slot.wireCode() + 1, slot, seq, micros, f.x, f.y, f.z, w.x, w.y, w.z);
        if (magnetometer) {
            out.trueOrientation.rotateInverse(earthFieldMicroTesla, m);
            double nx = magSigma > 0 ? magSigma * noiseRnd.nextGaussian() : 0;
            double ny = magSigma > 0 ? magSigma * noiseRnd.nextGaussian() : 0;
            double nz = magSigma > 0 ? magSigma * noiseRnd.nextGaussian() : 0;
            out.imu.setMag(m.x + hardIron[0] + nx, m.y + hardIron[1] + ny, m.z + hardIron[2] + nz);
        }
        boolean drop = dropProbability > 0 && dropRnd.nextDouble() < dropProbability;
        while (burstCursor < burstEndS.length && burstEndS[burstCursor] <= tTrue) {
            burstCursor++;
        }
        if (burstCursor < burstStartS.length && burstStartS[burstCursor] <= tTrue) {
            burstLost[burstCursor]++;
            drop = true;
        }
        if (drop) {
            lost++;
            return false;
        }
        delivered++;
        return true;
    }

    private double accOut(double ideal, int axis) {
        double v = ideal * (1 + accScale[axis]) + accBias[axis];
        if (accSigma > 0) {
            v += accSigma * noiseRnd.nextGaussian();
        }
        return quantise ? quantised(v, accLsb) : v;
    }

    private double gyroOut(double ideal, int axis, double bias) {
        double v = ideal * (1 + gyroScale[axis]) + bias;
        if (gyroSigma > 0) {
            v += gyroSigma * noiseRnd.nextGaussian();
        }
        return quantise ? quantised(v, gyroLsb) : v;
    }

    /** The int16 code's value: round to the LSB, saturate at the ends of the range. */
    static double quantised(double v, double lsb) {
        double code = Math.rint(v / lsb);
        if (code > 32767) {
            code = 32767;
        } else if (code < -32768) {
            code = -32768;
        }
        return code * lsb;
    }

    /** What this device did over the run. */
    SimulationResult.Device report() {
        List<SimulationResult.Dropout> bursts = new ArrayList<>();
        for (int i = 0; i < burstStartS.length; i++) {
            bursts.add(new SimulationResult.Dropout(slot, burstStartS[i], burstEndS[i], burstLost[i]));
        }
        return new SimulationResult.Device(slot, delivered, lost, clockOffsetS, (clockRate - 1) * 1e6,
                new double[] {gyroBias0[0], gyroBias0[1], gyroBias0[2]},
                new double[] {accBias[0], accBias[1], accBias[2]}, bursts);
    }
}
