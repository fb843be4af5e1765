package io.spinewatch.trace;

/** The constants of the trace file format v1 (see design.md), shared by writer and reader. */
public final class TraceFormat {
    /** The first line of every trace. */
    public static final String VERSION_LINE = "# spinewatch-trace v1";
    /** The column header without magnetometer. */
    public static final String HEADER = "t_s,sensor,ax,ay,az,gx,gy,gz";
    /** The column header with magnetometer. */
    public static final String HEADER_MAG = HEADER + ",mx,my,mz";
    /** Metadata key of the calibration window, written as {@code # calibrate=A-B} (seconds). */
    public static final String CALIBRATE_KEY = "calibrate";

    /** Decimals of {@code t_s}: microsecond resolution, the resolution of device clocks. */
    public static final int TIME_DECIMALS = 6;
    /** Decimals of acceleration in m/s^2: 10 um/s^2, far below an int16 LSB at +-2 g (0.6 mm/s^2). */
    public static final int ACC_DECIMALS = 5;
    /** Decimals of angular rate in rad/s: 1 urad/s, below an int16 LSB at +-125 deg/s (67 urad/s). */
    public static final int GYRO_DECIMALS = 6;
    /** Decimals of the magnetometer columns (any unit; microtesla from the simulator). */
    public static final int MAG_DECIMALS = 4;

    private TraceFormat() {
    }
}
