package io.spinewatch.protocol;

/**
 * Constants of spinewatch's native wire protocol, version {@value #VERSION_MAJOR}.{@value #VERSION_MINOR};
 * {@code docs/protocol.md} is the specification these numbers come from.
 *
 * <p>A frame on the wire is {@code COBS(content) 0x00}, where content is a 7-byte header (major,
 * minor, type, device id), a type-specific body, and a CRC-32C of header and body. All multi-byte
 * fields are little-endian.
 */
public final class NativeProtocol {
    private NativeProtocol() {
    }

    /** Incompatible changes bump the major; a receiver skips frames of any other major. */
    public static final int VERSION_MAJOR = 1;
    /** Compatible additions (fields appended, new types) bump the minor; receivers read the prefix they know. */
    public static final int VERSION_MINOR = 0;

    /** Delimiter between COBS-encoded frames. */
    public static final byte DELIMITER = 0;
    /**
     * Longest frame on the wire, delimiter excluded. A receiver buffers no more than this per frame;
     * longer runs between delimiters are discarded and counted. Enough for a 64-sample batch with
     * magnetometer (1189 content bytes, 1194 encoded) with room for minor-version growth.
     */
    public static final int MAX_FRAME_BYTES = 1280;
    /** Buffer size an encoder's caller should provide for one frame, delimiter included. */
    public static final int MAX_WIRE_BYTES = MAX_FRAME_BYTES + 1;
    /** Longest content (header, body, CRC) a frame can carry: COBS adds at least one byte. */
    public static final int MAX_CONTENT_BYTES = MAX_FRAME_BYTES - 1;

    /** Header: major u8, minor u8, type u8, device id u32. */
    public static final int HEADER_BYTES = 7;
    /** CRC-32C trailer. */
    public static final int CRC_BYTES = 4;
    /** Smallest content that can be a frame: header and CRC around an empty body. */
    public static final int MIN_CONTENT_BYTES = HEADER_BYTES + CRC_BYTES;

    // Message types: device -> monitor 0x01..0x7f, monitor -> device 0x80..0xff.
    public static final int TYPE_IMU_BATCH = 0x01;
    public static final int TYPE_DEVICE_STATUS = 0x02;
    public static final int TYPE_ACK = 0x03;
    public static final int TYPE_HAPTIC = 0x81;
    public static final int TYPE_SET_SAMPLE_RATE = 0x82;
    public static final int TYPE_STREAMING = 0x83;
    public static final int TYPE_IDENTIFY = 0x84;

    /** IMU batch header after the common header: slot, flags, count, sample bytes, seq, time, period, 3 ranges. */
    public static final int IMU_BATCH_HEADER_BYTES = 26;
    /** Offset of the first sample in a v1.0 IMU batch. */
    public static final int IMU_SAMPLES_OFFSET = HEADER_BYTES + IMU_BATCH_HEADER_BYTES;
    /** Most samples one batch may carry. */
    public static final int MAX_SAMPLES_PER_BATCH = 64;
    /** Bytes per sample: six int16 (acc xyz, gyro xyz). */
    public static final int SAMPLE_BYTES = 12;
    /** Bytes per sample with magnetometer: nine int16. */
    public static final int SAMPLE_BYTES_WITH_MAG = 18;
    /** IMU batch flag: the sample carries a magnetometer triple. */
    public static final int FLAG_HAS_MAG = 0x01;
    /** IMU batch flag: first batch since boot or since streaming started; the sequence restarts here. */
    public static final int FLAG_STREAM_START = 0x02;

    /** Body bytes of a v1.0 device status. */
    public static final int STATUS_BODY_BYTES = 15;
    /** Body bytes of a v1.0 acknowledgement. */
    public static final int ACK_BODY_BYTES = 4;
    /** Body bytes of v1.0 commands. */
    public static final int HAPTIC_BODY_BYTES = 8;
    public static final int SET_SAMPLE_RATE_BODY_BYTES = 4;
    public static final int STREAMING_BODY_BYTES = 3;
    public static final int IDENTIFY_BODY_BYTES = 4;

    /** Standard gravity, m/s^2 per g (CGPM 1901), used to convert the accelerometer's full scale. */
    public static final double STANDARD_GRAVITY_MPS2 = 9.80665;

    /** m/s^2 per count of an int16 accelerometer reading whose full scale is +-{@code rangeG}. */
    public static double accMps2PerCount(int rangeG) {
        return rangeG * STANDARD_GRAVITY_MPS2 / 32768.0;
    }

    /** rad/s per count of an int16 gyroscope reading whose full scale is +-{@code rangeDps}. */
    public static double gyroRadPerSPerCount(int rangeDps) {
        return rangeDps * (Math.PI / 180.0) / 32768.0;
    }

    /** microtesla per count of an int16 magnetometer reading whose full scale is +-{@code rangeMicroTesla}. */
    public static double magMicroTeslaPerCount(int rangeMicroTesla) {
        return rangeMicroTesla / 32768.0;
    }
}
