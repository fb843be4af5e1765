package io.spinewatch.protocol;

import static io.spinewatch.protocol.NativeProtocol.*;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Streaming decoder for the native protocol: splits bytes into frames at each 0x00, COBS-decodes
 * them, checks CRC-32C and version, and hands out samples (through one reused {@link ImuSample}) and
 * the other messages (as records).
 *
 * <p>Input contract, as in Netty's {@code ByteToMessageDecoder}: {@link #feed} takes any chunk, split
 * at any byte; the partial frame lives in the named fields below; every pass of the loop consumes at
 * least one byte (a run of frame bytes, or a run and its delimiter). A frame ends at the next 0x00,
 * so after any bad frame decoding resumes right after its delimiter. Nothing in the data makes it
 * throw, and it holds at most {@link NativeProtocol#MAX_FRAME_BYTES} of a frame: longer runs are
 * discarded up to the next delimiter. Allocation-free per frame and per sample, except for the
 * records of status, acknowledgement and command messages.
 *
 * <p>Every non-empty run of bytes between delimiters is exactly one of: a good frame ({@code framesOk}),
 * an integrity failure, a malformed frame (bad COBS, too short or too long, impossible field values),
 * an unknown type or an unsupported major version; the bytes of every frame that is not good are
 * added to {@code bytesSkipped}. A newer minor version of a known type is good: its known prefix is
 * decoded and {@link #newerMinorFrames()} counts it.
 */
public final class NativeDecoder implements ByteDecoder {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final SampleListener samples;
    private final MessageListener messages;
    private final DecoderCounters counters = new DecoderCounters();
    private final SequenceTracker sequences = new SequenceTracker();
    private final ImuSample sample = new ImuSample();
    private final CRC32C crc = new CRC32C();

    // The partial frame: raw wire bytes since the last delimiter, waiting for the next one.
    private final byte[] pending = new byte[MAX_FRAME_BYTES];
    private int pendingLength;
    /** An over-long frame is being dropped up to the next delimiter. */
    private boolean discarding;

    /** The COBS-decoded content of the frame being checked. */
    private final byte[] content = new byte[MAX_FRAME_BYTES];

    private long newerMinorFrames;
    private long acceptedBytes;

    /** A decoder for samples only; other messages are counted and dropped. */
    public NativeDecoder(SampleListener samples) {
        this(samples, MessageListener.NONE);
    }

    public NativeDecoder(SampleListener samples, MessageListener messages) {
        this.samples = Objects.requireNonNull(samples, "samples");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public DecoderCounters counters() {
        return counters;
    }

    /** Good frames whose minor version is newer than this decoder's (decoded by their known prefix). */
    public long newerMinorFrames() {
        return newerMinorFrames;
    }

    /** Wire bytes of good frames, delimiters excluded; with {@code bytesSkipped} it accounts for every frame byte. */
    public long acceptedBytes() {
        return acceptedBytes;
    }

    /** Bytes of a frame still waiting for its delimiter. */
    public int pendingBytes() {
        return pendingLength;
    }

    @Override
    public void feed(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        int i = offset;
        final int end = offset + length;
        while (i < end) {
            int z = indexOfZero(data, i, end);
            // data[i, z) is frame bytes; z == end means the frame continues in the next chunk.
            int n = z - i;
            boolean delimited = z < end;
            if (discarding) {
                counters.bytesSkipped(n);
                discarding = !delimited;
            } else if (pendingLength == 0 && delimited) {
                if (n > 0) {
                    frame(data, i, n); // the common case: a whole frame inside this chunk, decoded in place
                }
            } else if (pendingLength + n > MAX_FRAME_BYTES) {
                counters.malformedFrame();
                counters.bytesSkipped(pendingLength + n);
                pendingLength = 0;
                discarding = !delimited;
            } else {
                System.arraycopy(data, i, pending, pendingLength, n);
                pendingLength += n;
                if (delimited) {
                    int frameLength = pendingLength;
                    pendingLength = 0;
                    frame(pending, 0, frameLength);
                }
            }
            i = z + 1;
        }
    }

    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;

    /** Index of the first 0x00 in {@code a[from, to)}, or {@code to}; eight bytes per step. */
    static int indexOfZero(byte[] a, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) I64.get(a, i);
            // Sets the high bit of the lowest zero byte (higher bytes may be false positives).
            long zeros = (x - ONES) & ~x & HIGHS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        while (i < to && a[i] != 0) {
            i++;
        }
        return i;
    }

    /**
     * Decodes and delivers the frame {@code wire[start, start+length)} (delimiter excluded, no zero
     * inside, at most {@link NativeProtocol#MAX_FRAME_BYTES}).
     *
     * <p>COBS output is the input shifted by one with each code byte turned into the zero it stands
     * for, so one bulk copy and a hop along the code bytes decode a frame. A 0xFF code (a full block,
     * standing for no zero) breaks that shape; such frames take the block-by-block decoder.
     */
    private void frame(byte[] wire, int start, int length) {
        if (length > MAX_FRAME_BYTES) {
            reject(length, MALFORMED);
            return;
        }
        final byte[] c = content;
        final int end = start + length;
        System.arraycopy(wire, start + 1, c, 0, length - 1);
        int p = start;
        int code = wire[p] & 0xFF;
        while (code != 0xFF) {
            p += code;
            if (p >= end) {
                break;
            }
            c[p - start - 1] = 0;
            code = wire[p] & 0xFF;
        }
        int contentLength;
        if (code == 0xFF) {
            contentLength = Cobs.decode(wire, start, length, c, 0);
        } else {
            contentLength = p == end ? length - 1 : -1; // p > end: the last block runs past the delimiter
        }
        if (contentLength < 0) {
            reject(length, MALFORMED);
            return;
        }
        int outcome = decodeContent(c, contentLength);
        if (outcome == OK) {
            counters.frameOk();
            acceptedBytes += length;
        } else {
            reject(length, outcome);
        }
    }

    private void reject(int length, int outcome) {
        counters.bytesSkipped(length);
        switch (outcome) {
            case INTEGRITY -> counters.integrityFailure();
            case UNKNOWN_TYPE -> counters.unknownType();
            case UNSUPPORTED_VERSION -> counters.unsupportedVersion();
            default -> counters.malformedFrame();
        }
    }

    private static final int OK = 0;
    private static final int INTEGRITY = 1;
    private static final int MALFORMED = 2;
    private static final int UNKNOWN_TYPE = 3;
    private static final int UNSUPPORTED_VERSION = 4;

    /** Checks and delivers one decoded frame; returns its outcome. */
    private int decodeContent(byte[] c, int length) {
        if (length < MIN_CONTENT_BYTES) {
            return MALFORMED;
        }
        int bodyEnd = length - CRC_BYTES;
        crc.reset();
        crc.update(c, 0, bodyEnd);
        if ((int) crc.getValue() != (int) I32.get(c, bodyEnd)) {
            return INTEGRITY;
        }
        if ((c[0] & 0xFF) != VERSION_MAJOR) {
            return UNSUPPORTED_VERSION;
        }
        boolean newerMinor = (c[1] & 0xFF) > VERSION_MINOR;
        long deviceId = (int) I32.get(c, 3) & 0xFFFF_FFFFL;
        int outcome = switch (c[2] & 0xFF) {
            case TYPE_IMU_BATCH -> imuBatch(c, bodyEnd, deviceId, newerMinor);
            case TYPE_DEVICE_STATUS -> status(c, bodyEnd, deviceId, newerMinor);
            case TYPE_ACK -> ack(c, bodyEnd, deviceId, newerMinor);
            case TYPE_HAPTIC, TYPE_SET_SAMPLE_RATE, TYPE_STREAMING, TYPE_IDENTIFY ->
                    command(c, bodyEnd, deviceId, newerMinor);
            default -> UNKNOWN_TYPE;
        };
        if (outcome == OK && newerMinor) {
            newerMinorFrames++;
        }
        return outcome;
    }

    /** True when a body of {@code bodyBytes} fits the v1.0 size exactly, or at least it for newer minors. */
    private static boolean bodyFits(int bodyBytes, int expected, boolean newerMinor) {
        return newerMinor ? bodyBytes >= expected : bodyBytes == expected;
    }

    private int imuBatch(byte[] c, int bodyEnd, long deviceId, boolean newerMinor) {
        if (bodyEnd < IMU_SAMPLES_OFFSET) {
            return MALFORMED;
        }
        SensorSlot slot = SensorSlot.ofWireCode(c[7] & 0xFF);
        int flags = c[8] & 0xFF;
        int count = c[9] & 0xFF;
        int sampleBytes = c[10] & 0xFF;
        boolean hasMag = (flags & FLAG_HAS_MAG) != 0;
        int knownSampleBytes = hasMag ? SAMPLE_BYTES_WITH_MAG : SAMPLE_BYTES;
        // Samples sit at the end of the body, so a newer minor may grow the batch header and each sample.
        int samplesStart = bodyEnd - count * sampleBytes;
        if (slot == null || count == 0 || count > MAX_SAMPLES_PER_BATCH
                || !bodyFits(sampleBytes, knownSampleBytes, newerMinor)
                || !bodyFits(samplesStart - HEADER_BYTES, IMU_BATCH_HEADER_BYTES, newerMinor)) {
            return MALFORMED;
        }
        long firstSeq = (int) I32.get(c, 11) & 0xFFFF_FFFFL;
        long firstTimeMicros = (long) I64.get(c, 15);
        long periodMicros = (int) I32.get(c, 23) & 0xFFFF_FFFFL;
        int accRangeG = (short) I16.get(c, 27) & 0xFFFF;
        int gyroRangeDps = (short) I16.get(c, 29) & 0xFFFF;
        int magRangeMicroTesla = (short) I16.get(c, 31) & 0xFFFF;
        if (firstTimeMicros < 0 || accRangeG == 0 || gyroRangeDps == 0 || (hasMag && magRangeMicroTesla == 0)) {
            return MALFORMED;
        }
        long lost = sequences.update(deviceId, slot.wireCode(), firstSeq, count, (flags & FLAG_STREAM_START) != 0);
        if (lost != 0) {
            counters.samplesLost(slot, lost);
        }
        double acc = accMps2PerCount(accRangeG);
        double gyro = gyroRadPerSPerCount(gyroRangeDps);
        double mag = magMicroTeslaPerCount(magRangeMicroTesla);
        ImuSample s = sample;
        SampleListener listener = samples;
        DecoderCounters counts = counters;
        int p = samplesStart;
        long t = firstTimeMicros;
        for (int i = 0; i < count; i++, p += sampleBytes, t += periodMicros) {
            s.set(deviceId, slot, (firstSeq + i) & 0xFFFF_FFFFL, t,
                    (short) I16.get(c, p) * acc, (short) I16.get(c, p + 2) * acc, (short) I16.get(c, p + 4) * acc,
                    (short) I16.get(c, p + 6) * gyro, (short) I16.get(c, p + 8) * gyro, (short) I16.get(c, p + 10) * gyro);
            if (hasMag) {
                s.setMag((short) I16.get(c, p + 12) * mag, (short) I16.get(c, p + 14) * mag,
                        (short) I16.get(c, p + 16) * mag);
            }
            counts.sampleDecoded();
            listener.onSample(s);
        }
        return OK;
    }

    private int status(byte[] c, int bodyEnd, long deviceId, boolean newerMinor) {
        if (!bodyFits(bodyEnd - HEADER_BYTES, STATUS_BODY_BYTES, newerMinor)) {
            return MALFORMED;
        }
        int flags = c[14] & 0xFF;
        int health = c[17] & 0xFF;
        DeviceStatus status;
        try {
            status = new DeviceStatus(deviceId, c[7] & 0xFF, c[8] & 0xFF, u16(c, 9), u16(c, 11), c[13] & 0xFF,
                    (flags & 1) != 0, (flags & 2) != 0, u16(c, 15), health & 0x07, (health >>> 4) & 0x07,
                    (int) I32.get(c, 18) & 0xFFFF_FFFFL);
        } catch (IllegalArgumentException e) {
            return MALFORMED;
        }
        messages.onStatus(status);
        return OK;
    }

    private int ack(byte[] c, int bodyEnd, long deviceId, boolean newerMinor) {
        if (!bodyFits(bodyEnd - HEADER_BYTES, ACK_BODY_BYTES, newerMinor)) {
            return MALFORMED;
        }
        Ack ack;
        try {
            ack = new Ack(deviceId, u16(c, 7), c[9] & 0xFF, AckStatus.ofWireCode(c[10] & 0xFF));
        } catch (IllegalArgumentException e) {
            return MALFORMED;
        }
        messages.onAck(ack);
        return OK;
    }

    private int command(byte[] c, int bodyEnd, long deviceId, boolean newerMinor) {
        int type = c[2] & 0xFF;
        int bodyBytes = bodyEnd - HEADER_BYTES;
        int expected = switch (type) {
            case TYPE_HAPTIC -> HAPTIC_BODY_BYTES;
            case TYPE_SET_SAMPLE_RATE -> SET_SAMPLE_RATE_BODY_BYTES;
            case TYPE_STREAMING -> STREAMING_BODY_BYTES;
            default -> IDENTIFY_BODY_BYTES;
        };
        if (!bodyFits(bodyBytes, expected, newerMinor)) {
            return MALFORMED;
        }
        int commandId = u16(c, 7);
        Command command;
        try {
            command = switch (type) {
                case TYPE_HAPTIC -> new HapticCommand(deviceId, commandId, c[9] & 0xFF, u16(c, 10), u16(c, 12), c[14] & 0xFF);
                case TYPE_SET_SAMPLE_RATE -> new SetSampleRateCommand(deviceId, commandId, u16(c, 9));
                case TYPE_STREAMING -> {
                    int enabled = c[9] & 0xFF;
                    if (enabled > 1) {
                        throw new IllegalArgumentException("enabled must be 0 or 1: " + enabled);
                    }
                    yield new StreamingCommand(deviceId, commandId, enabled == 1);
                }
                default -> new IdentifyCommand(deviceId, commandId, u16(c, 9));
            };
        } catch (IllegalArgumentException e) {
            return MALFORMED;
        }
        messages.onCommand(command);
        return OK;
    }

    private static int u16(byte[] c, int p) {
        return (short) I16.get(c, p) & 0xFFFF;
    }
}
