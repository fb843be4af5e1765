package io.spinewatch.sim;

import io.spinewatch.fusion.Quat;
import io.spinewatch.protocol.SensorSlot;

/**
 * The truth at one instant of the common true time base: segment angles as design.md defines them
 * (degrees, relative to the sit-tall neutral), the state, and each sensor's orientation. A reused
 * mutable holder, valid only during the callback.
 */
public final class TruthFrame {
    double tS;
    TruthState state;
    final JointState joints = new JointState();
    final Quat[] orientation = {new Quat(), new Quat(), new Quat()};

    public double tS() {
        return tS;
    }

    public TruthState state() {
        return state;
    }

    public double lumbarFlexionDeg() {
        return joints.lumbarFlexionDeg();
    }

    public double thoracicFlexionDeg() {
        return joints.thoracicFlexionDeg();
    }

    public double pelvicTiltDeg() {
        return joints.pelvicTiltDeg();
    }

    public double trunkLeanDeg() {
        return joints.trunkLeanDeg();
    }

    /** Every coordinate with its rates (heading, base position, bend, twist...). */
    public JointState joints() {
        return joints;
    }

    /** The true orientation of the sensor in {@code slot} (sensor-to-earth, earth z up). */
    public Quat orientation(SensorSlot slot) {
        return orientation[slot.ordinal()];
    }
}
