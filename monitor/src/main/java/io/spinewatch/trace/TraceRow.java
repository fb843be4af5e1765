package io.spinewatch.trace;

import io.spinewatch.protocol.SensorSlot;

/**
 * One trace row as {@link TraceReader} delivers it: a reused mutable holder, valid only during the
 * callback (copy the values to keep them). Units as in the file: seconds, m/s^2, rad/s, magnetometer
 * in the trace's unit.
 */
public final class TraceRow {
    double tS;
    SensorSlot slot;
    double ax, ay, az, gx, gy, gz;
    boolean hasMag;
    double mx, my, mz;
    long lineNumber;

    /** Listener for rows; the row is reused after the call returns. */
    @FunctionalInterface
    public interface Listener {
        void onRow(TraceRow row);
    }

    public double tS() { return tS; }
    public SensorSlot slot() { return slot; }
    public double axMps2() { return ax; }
    public double ayMps2() { return ay; }
    public double azMps2() { return az; }
    public double gxRadPerS() { return gx; }
    public double gyRadPerS() { return gy; }
    public double gzRadPerS() { return gz; }
    public boolean hasMag() { return hasMag; }
    public double mx() { return mx; }
    public double my() { return my; }
    public double mz() { return mz; }
    /** 1-based line number in the file, for messages. */
    public long lineNumber() { return lineNumber; }

    @Override
    public String toString() {
        return "TraceRow[line=" + lineNumber + ", t_s=" + tS + ", " + (slot == null ? "?" : slot.label())
                + ", acc=(" + ax + ", " + ay + ", " + az + "), gyro=(" + gx + ", " + gy + ", " + gz + ")"
                + (hasMag ? ", mag=(" + mx + ", " + my + ", " + mz + ")" : "") + "]";
    }
}
