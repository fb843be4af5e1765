package io.spinewatch.protocol.witmotion;

/**
 * The serial speeds a WitMotion sensor accepts in its BAUD register (0x04), with the code written to it.
 *
 * <p>Codes as in the vendor's register header ({@code REG.h}, WitStandardProtocol_JY901 SDK) and the
 * "Baud Rate" table of the HWT905-TTL datasheet v20-0707. Frames are 8 data bits, no parity, 1 stop
 * bit, so one byte takes 10 bit times on the line.
 */
public enum BaudRate {
    B4800(0x01, 4800),
    /** Factory default of the bare modules (WT901, JY901). */
    B9600(0x02, 9600),
    B19200(0x03, 19200),
    B38400(0x04, 38400),
    B57600(0x05, 57600),
    /** Factory default of the enclosed models with a built-in USB-serial converter. */
    B115200(0x06, 115200),
    B230400(0x07, 230400),
    B460800(0x08, 460800),
    B921600(0x09, 921600);

    /** Bit times per byte on the line: start bit, 8 data bits, stop bit. */
    public static final int BITS_PER_BYTE = 10;

    private final int code;
    private final int bitsPerSecond;

    BaudRate(int code, int bitsPerSecond) {
        this.code = code;
        this.bitsPerSecond = bitsPerSecond;
    }

    /** The value written to register 0x04. */
    public int code() {
        return code;
    }

    /** The line speed, as the host serial port is opened with. */
    public int bitsPerSecond() {
        return bitsPerSecond;
    }

    /** Bytes the line carries per second at most. */
    public double bytesPerSecond() {
        return bitsPerSecond / (double) BITS_PER_BYTE;
    }

    /** The constant for this line speed, or {@code null} when the sensor has no code for it. */
    public static BaudRate ofBitsPerSecond(int bitsPerSecond) {
        for (BaudRate b : values()) {
            if (b.bitsPerSecond == bitsPerSecond) {
                return b;
            }
        }
        return null;
    }
}
