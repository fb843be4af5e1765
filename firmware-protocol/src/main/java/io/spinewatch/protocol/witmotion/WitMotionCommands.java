package io.spinewatch.protocol.witmotion;

import java.util.Objects;
import java.util.Set;

/**
 * Builds the 5-byte configuration commands of the WitMotion serial protocol: {@code FF AA reg lo hi},
 * writing the 16-bit value {@code hi<<8 | lo} to register {@code reg}. The sensor neither checksums
 * nor acknowledges them; writes take effect only after {@link #unlock()} and, to survive a power
 * cycle, {@link #save()} (see {@link WitMotionSetup} for the order and waits).
 *
 * <p>Registers and values follow the vendor's register header ({@code REG.h} in the
 * WitStandardProtocol_JY901 SDK) and the "WIT Standard Communication Protocol" page of the
 * vendor's SDK documentation; docs/witmotion.md lists them. Each call returns a new array.
 */
public final class WitMotionCommands {
    /** First byte of every command. */
    public static final int COMMAND_HEADER_1 = 0xFF;
    /** Second byte of every command. */
    public static final int COMMAND_HEADER_2 = 0xAA;
    /** Length of every command in bytes. */
    public static final int COMMAND_BYTES = 5;

    /** Register 0x00: save to flash (value 0x0000) or restart (0x00FF). */
    public static final int REG_SAVE = 0x00;
    /** Register 0x01: calibration mode. */
    public static final int REG_CALSW = 0x01;
    /** Register 0x02: output content bit mask, see {@link OutputContent}. */
    public static final int REG_RSW = 0x02;
    /** Register 0x03: output rate code, see {@link OutputRate}. */
    public static final int REG_RRATE = 0x03;
    /** Register 0x04: serial speed code, see {@link BaudRate}. */
    public static final int REG_BAUD = 0x04;
    /** Register 0x24: fusion algorithm, 0 = 9-axis (with magnetometer), 1 = 6-axis. */
    public static final int REG_AXIS6 = 0x24;
    /** Register 0x27: asks the sensor to report the registers from the given address. */
    public static final int REG_READADDR = 0x27;
    /** Register 0x69: the write-enable key. */
    public static final int REG_KEY = 0x69;
    /** The value of {@link #REG_KEY} that unlocks writes. */
    public static final int KEY_UNLOCK = 0xB588;
    /** Number of registers the vendor header defines (0x00..0x8F). */
    public static final int REGISTER_COUNT = 0x90;

    static final int SAVE_PARAMETERS = 0x0000;
    static final int SAVE_RESTART = 0x00FF;
    static final int CALSW_NORMAL = 0x00;
    static final int CALSW_ACC_AND_GYRO = 0x01;
    static final int RRATE_ONCE = 0x0C;
    static final int RRATE_NONE = 0x0D;

    private WitMotionCommands() {
    }

    /** {@code FF AA 69 88 B5}: enables register writes for about 10 s. */
    public static byte[] unlock() {
        return writeRegister(REG_KEY, KEY_UNLOCK);
    }

    /** {@code FF AA 00 00 00}: stores the current registers in flash. */
    public static byte[] save() {
        return writeRegister(REG_SAVE, SAVE_PARAMETERS);
    }

    /** {@code FF AA 00 FF 00}: restarts the sensor. */
    public static byte[] restart() {
        return writeRegister(REG_SAVE, SAVE_RESTART);
    }

    /** Register 0x02: the sensor sends exactly these packet kinds each period; at least one. */
    public static byte[] outputContent(Set<OutputContent> content) {
        Objects.requireNonNull(content, "content");
        if (content.isEmpty()) {
            throw new IllegalArgumentException("output content must name at least one packet kind; use outputOff() to stop output");
        }
        return writeRegister(REG_RSW, OutputContent.mask(content));
    }

    /** Register 0x03: continuous output at {@code rate}. */
    public static byte[] outputRate(OutputRate rate) {
        Objects.requireNonNull(rate, "rate");
        return writeRegister(REG_RRATE, rate.code());
    }

    /** Register 0x03 = 0x0C: one group of packets, then silence. */
    public static byte[] outputOnce() {
        return writeRegister(REG_RRATE, RRATE_ONCE);
    }

    /** Register 0x03 = 0x0D: no output. */
    public static byte[] outputOff() {
        return writeRegister(REG_RRATE, RRATE_NONE);
    }

    /** Register 0x04: the sensor's serial speed; the host must reopen the port at the new speed. */
    public static byte[] baudRate(BaudRate baud) {
        Objects.requireNonNull(baud, "baud");
        return writeRegister(REG_BAUD, baud.code());
    }

    /**
     * Register 0x01 = 1: starts the accelerometer and gyroscope zero calibration; the sensor must lie
     * still and level until {@link #endCalibration()}.
     */
    public static byte[] calibrateAccelerometer() {
        return writeRegister(REG_CALSW, CALSW_ACC_AND_GYRO);
    }

    /** Register 0x01 = 0: leaves calibration mode (the calibration is kept after {@link #save()}). */
    public static byte[] endCalibration() {
        return writeRegister(REG_CALSW, CALSW_NORMAL);
    }

    /** Register 0x24: the sensor's own fusion uses the magnetometer ({@code false}) or ignores it ({@code true}). */
    public static byte[] sixAxisAlgorithm(boolean sixAxis) {
        return writeRegister(REG_AXIS6, sixAxis ? 1 : 0);
    }

    /** Register 0x27: asks for a 0x5F packet holding the four registers from {@code register}. */
    public static byte[] readRegister(int register) {
        checkRegister(register);
        return writeRegister(REG_READADDR, register);
    }

    /** {@code FF AA reg lo hi} for any register of the vendor table and any 16-bit value. */
    public static byte[] writeRegister(int register, int value) {
        checkRegister(register);
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("register value must be in 0..0xFFFF: " + value);
        }
        return new byte[] {
                (byte) COMMAND_HEADER_1, (byte) COMMAND_HEADER_2, (byte) register,
                (byte) (value & 0xFF), (byte) (value >>> 8)};
    }

    private static void checkRegister(int register) {
        if (register < 0 || register >= REGISTER_COUNT) {
            throw new IllegalArgumentException("register must be in 0x00..0x8F: " + register);
        }
    }
}
