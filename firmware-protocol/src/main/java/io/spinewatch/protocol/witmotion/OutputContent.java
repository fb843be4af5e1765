package io.spinewatch.protocol.witmotion;

import java.util.Set;

/**
 * The packet kinds a WitMotion sensor can be told to send, each one bit of its RSW register (0x02).
 *
 * <p>Bits as in the vendor's register header ({@code REG.h}, WitStandardProtocol_JY901 SDK) and the
 * "Return Content" table of the WT901 datasheet v20-0702: bit n enables packet type 0x50 + n. The
 * factory default is acceleration, angular rate, angle and magnetic field.
 */
public enum OutputContent {
    /** 0x50: the on-chip clock. */
    TIME(0x001, 0x50),
    /** 0x51: acceleration and temperature. */
    ACC(0x002, 0x51),
    /** 0x52: angular rate. */
    GYRO(0x004, 0x52),
    /** 0x53: the sensor's own Euler angles. */
    ANGLE(0x008, 0x53),
    /** 0x54: magnetic field. */
    MAG(0x010, 0x54),
    /** 0x55: state of the D0..D3 pins. */
    PORT(0x020, 0x55),
    /** 0x56: barometric pressure and height (models with a barometer). */
    PRESSURE(0x040, 0x56),
    /** 0x57: GPS position (models with a GPS input). */
    GPS(0x080, 0x57),
    /** 0x58: GPS ground speed. */
    VELOCITY(0x100, 0x58),
    /** 0x59: the sensor's own orientation quaternion. */
    QUATERNION(0x200, 0x59),
    /** 0x5A: GPS accuracy. */
    GPS_ACCURACY(0x400, 0x5A);

    /** The factory default content: acceleration, angular rate, angle, magnetic field. */
    public static final Set<OutputContent> FACTORY_DEFAULT = Set.of(ACC, GYRO, ANGLE, MAG);

    private final int bit;
    private final int packetType;

    OutputContent(int bit, int packetType) {
        this.bit = bit;
        this.packetType = packetType;
    }

    /** This kind's bit in register 0x02. */
    public int bit() {
        return bit;
    }

    /** The type byte of the 11-byte packet this bit enables. */
    public int packetType() {
        return packetType;
    }

    /** The register value enabling exactly {@code content}. */
    public static int mask(Set<OutputContent> content) {
        int mask = 0;
        for (OutputContent c : content) {
            mask |= c.bit;
        }
        return mask;
    }
}
