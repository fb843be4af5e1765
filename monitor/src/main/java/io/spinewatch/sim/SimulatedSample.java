package io.spinewatch.sim;

import io.spinewatch.fusion.Quat;
import io.spinewatch.fusion.Vec3;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SensorSlot;

/**
 * One simulated IMU sample with its truth: a reused mutable holder, valid only during the callback.
 *
 * <p>{@link #imu()} is what the device reports (its own clock, imperfections applied, sequence number
 * counting lost samples too); the rest is what really happened at the sampling instant.
 */
public final class SimulatedSample {
    final ImuSample imu = new ImuSample();
    double trueTimeS;
    double deviceTimeS;
    final Quat trueOrientation = new Quat();
    final Vec3 idealAccMps2 = new Vec3();
    final Vec3 idealGyroRadPerS = new Vec3();
    final Vec3 gyroBiasRadPerS = new Vec3();

    /** The reported sample: device id (1 upper, 2 mid, 3 pelvis), slot, seq, device time in microseconds, acc, gyro, optional mag. */
    public ImuSample imu() {
        return imu;
    }

    public SensorSlot slot() {
        return imu.slot();
    }

    /** The instant the sample was taken, on the common true time base, s. */
    public double trueTimeS() {
        return trueTimeS;
    }

    /** The device's timestamp in seconds (its own clock, microsecond resolution): the trace's {@code t_s}. */
    public double deviceTimeS() {
        return deviceTimeS;
    }

    /** The sensor's true orientation (sensor-to-earth, earth z up) at the sampling instant. */
    public Quat trueOrientation() {
        return trueOrientation;
    }

    /** The exact specific force in sensor axes, before imperfections, m/s^2. */
    public Vec3 idealAccMps2() {
        return idealAccMps2;
    }

    /** The exact angular rate in sensor axes, before imperfections, rad/s. */
    public Vec3 idealGyroRadPerS() {
        return idealGyroRadPerS;
    }

    /** The gyro bias in effect (constant plus random walk), sensor axes, rad/s: what a bias estimator should find. */
    public Vec3 gyroBiasRadPerS() {
        return gyroBiasRadPerS;
    }
}
