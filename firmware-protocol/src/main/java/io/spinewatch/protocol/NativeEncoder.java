package io.spinewatch.protocol;

import static io.spinewatch.protocol.NativeProtocol.*;

import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Writes native-protocol frames ({@code COBS(header, body, CRC-32C) 0x00}) for every message type.
 *
 * <p>The {@code int}-returning methods write into the caller's buffer and allocate nothing (give
 * them {@link NativeProtocol#MAX_WIRE_BYTES} of room); the array-returning ones are for tests and
 * tools. One instance holds a scratch buffer, so it is not thread-safe: use one per thread.
 */
public final class NativeEncoder {
    private final byte[] content = new byte[MAX_CONTENT_BYTES];
    private final CRC32C crc = new CRC32C();
    private final int versionMajor;
    private final int versionMinor;

    /** An encoder for the version this code implements. */
    public NativeEncoder() {
        this(VERSION_MAJOR, VERSION_MINOR);
    }

    /** An encoder stamping another version into the header, to test receivers' version rules. */
    public NativeEncoder(int versionMajor, int versionMinor) {
        Checks.range("versionMajor", versionMajor, 0, 0xFF);
        Checks.range("versionMinor", versionMinor, 0, 0xFF);
        this.versionMajor = versionMajor;
        this.versionMinor = versionMinor;
    }

    /** Writes an IMU batch frame (which must hold at least one sample); returns bytes written, delimiter included. */
    public int imuBatch(ImuBatch batch, byte[] out, int offset) {
        int count = batch.count();
        if (count == 0) {
            throw new IllegalArgumentException("an IMU batch needs at least one sample");
        }
        boolean mag = batch.hasMag();
        int sampleBytes = mag ? SAMPLE_BYTES_WITH_MAG : SAMPLE_BYTES;
        int p = header(TYPE_IMU_BATCH, batch.deviceId());
        content[p++] = (byte) batch.slot().wireCode();
        content[p++] = (byte) ((mag ? FLAG_HAS_MAG : 0) | (batch.streamStart() ? FLAG_STREAM_START : 0));
        content[p++] = (byte) count;
        content[p++] = (byte) sampleBytes;
        p = u32(p, batch.firstSeq());
        p = u64(p, batch.firstTimeMicros());
        p = u32(p, batch.samplePeriodMicros());
        p = u16(p, batch.accRangeG());
        p = u16(p, batch.gyroRangeDps());
        p = u16(p, batch.magRangeMicroTesla());
        int axes = mag ? 9 : 6;
        for (int i = 0; i < count; i++) {
            for (int a = 0; a < axes; a++) {
                p = u16(p, batch.raw(i, a));
            }
        }
        return finish(p, out, offset);
    }

    /** Writes a device status frame; returns bytes written, delimiter included. */
    public int status(DeviceStatus s, byte[] out, int offset) {
        int p = header(TYPE_DEVICE_STATUS, s.deviceId());
        content[p++] = (byte) s.firmwareMajor();
        content[p++] = (byte) s.firmwareMinor();
        p = u16(p, s.firmwarePatch());
        p = u16(p, s.batteryMillivolts());
        content[p++] = (byte) s.batteryPercent();
        content[p++] = (byte) ((s.charging() ? 1 : 0) | (s.streaming() ? 2 : 0));
        p = u16(p, s.sampleRateHz());
        content[p++] = (byte) (s.sensorsPresentMask() | s.sensorsFaultMask() << 4);
        p = u32(p, s.uptimeSeconds());
        return finish(p, out, offset);
    }

    /** Writes an acknowledgement frame; returns bytes written, delimiter included. */
    public int ack(Ack a, byte[] out, int offset) {
        int p = header(TYPE_ACK, a.deviceId());
        p = u16(p, a.commandId());
        content[p++] = (byte) a.commandType();
        content[p++] = (byte) a.status().wireCode();
        return finish(p, out, offset);
    }

    /** Writes a command frame; returns bytes written, delimiter included. */
    public int command(Command c, byte[] out, int offset) {
        int p = header(c.wireType(), c.deviceId());
        p = u16(p, c.commandId());
        if (c instanceof HapticCommand h) {
            content[p++] = (byte) h.pulseCount();
            p = u16(p, h.pulseMillis());
            p = u16(p, h.gapMillis());
            content[p++] = (byte) h.intensityPercent();
        } else if (c instanceof SetSampleRateCommand r) {
            p = u16(p, r.sampleRateHz());
        } else if (c instanceof StreamingCommand s) {
            content[p++] = (byte) (s.enabled() ? 1 : 0);
        } else if (c instanceof IdentifyCommand i) {
            p = u16(p, i.durationMillis());
        } else {
            throw new IllegalArgumentException("unknown command " + c);
        }
        return finish(p, out, offset);
    }

    /**
     * Frames arbitrary content (header and body, no CRC): appends the CRC-32C, COBS-encodes and
     * delimits. For tools and tests that build frames this encoder has no method for.
     */
    public int frame(byte[] contentWithoutCrc, int length, byte[] out, int offset) {
        if (length < 0 || length > MAX_CONTENT_BYTES - CRC_BYTES) {
            throw new IllegalArgumentException("content length must be in 0.." + (MAX_CONTENT_BYTES - CRC_BYTES) + ": " + length);
        }
        System.arraycopy(contentWithoutCrc, 0, content, 0, length);
        return finish(length, out, offset);
    }

    public byte[] imuBatch(ImuBatch batch) {
        byte[] out = new byte[MAX_WIRE_BYTES];
        return Arrays.copyOf(out, imuBatch(batch, out, 0));
    }

    public byte[] status(DeviceStatus s) {
        byte[] out = new byte[MAX_WIRE_BYTES];
        return Arrays.copyOf(out, status(s, out, 0));
    }

    public byte[] ack(Ack a) {
        byte[] out = new byte[MAX_WIRE_BYTES];
        return Arrays.copyOf(out, ack(a, out, 0));
    }

    public byte[] command(Command c) {
        byte[] out = new byte[MAX_WIRE_BYTES];
        return Arrays.copyOf(out, command(c, out, 0));
    }

    public byte[] frame(byte[] contentWithoutCrc) {
        byte[] out = new byte[MAX_WIRE_BYTES];
        return Arrays.copyOf(out, frame(contentWithoutCrc, contentWithoutCrc.length, out, 0));
    }

    private int header(int type, long deviceId) {
        content[0] = (byte) versionMajor;
        content[1] = (byte) versionMinor;
        content[2] = (byte) type;
        return u32(3, deviceId);
    }

    private int finish(int length, byte[] out, int offset) {
        crc.reset();
        crc.update(content, 0, length);
        int p = u32(length, crc.getValue());
        int n = Cobs.encode(content, 0, p, out, offset);
        out[offset + n] = DELIMITER;
        return n + 1;
    }

    private int u16(int p, int v) {
        content[p] = (byte) v;
        content[p + 1] = (byte) (v >>> 8);
        return p + 2;
    }

    private int u32(int p, long v) {
        content[p] = (byte) v;
        content[p + 1] = (byte) (v >>> 8);
        content[p + 2] = (byte) (v >>> 16);
        content[p + 3] = (byte) (v >>> 24);
        return p + 4;
    }

    private int u64(int p, long v) {
        u32(p, v);
        return u32(p + 4, v >>> 32);
    }
}
