package io.spinewatch.protocol.witmotion;

/**
 * The continuous output rates a WitMotion sensor accepts in its RRATE register (0x03), with the code
 * written to it.
 *
 * <p>Codes as in the vendor's register header ({@code REG.h}, WitStandardProtocol_JY901 SDK) and the
 * "Return Rate" table of the HWT905-TTL datasheet v20-0707. Single-shot output (code 0x0C) and no
 * output (0x0D) are not rates; {@link WitMotionCommands#outputOnce()} and
 * {@link WitMotionCommands#outputOff()} send them.
 */
public enum OutputRate {
    HZ_0_2(0x01, 0.2),
    HZ_0_5(0x02, 0.5),
    HZ_1(0x03, 1),
    HZ_2(0x04, 2),
    HZ_5(0x05, 5),
    /** The factory default. */
    HZ_10(0x06, 10),
    HZ_20(0x07, 20),
    HZ_50(0x08, 50),
    HZ_100(0x09, 100),
    /** Documented by the vendor SDK for the WT931 only; other models may ignore it. */
    HZ_125(0x0A, 125),
    HZ_200(0x0B, 200);

    private final int code;
    private final double hz;

    OutputRate(int code, double hz) {
        this.code = code;
        this.hz = hz;
    }

    /** The value written to register 0x03. */
    public int code() {
        return code;
    }

    /** Groups of packets per second the sensor sends at this setting. */
    public double hz() {
        return hz;
    }
}
