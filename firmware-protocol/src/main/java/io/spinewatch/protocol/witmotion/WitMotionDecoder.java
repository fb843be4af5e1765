package io.spinewatch.protocol.witmotion;

import io.spinewatch.protocol.ByteDecoder;
import io.spinewatch.protocol.DecoderCounters;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SampleListener;
import java.util.Objects;

/**
 * Streaming decoder for the WitMotion standard serial protocol (WT901, JY901, WT901C, HWT901B and
 * relatives; docs/witmotion.md): 11-byte packets {@code 55 type d0..d7 sum} and the 20-byte combined
 * packet {@code 55 61} that Bluetooth models send, assembled into one {@link ImuSample} per sample
 * period.
 *
 * <p><b>Framing.</b> An 11-byte packet is accepted when byte 10 equals the low byte of the sum of
 * bytes 0..9 and its values are possible. The combined packet has no checksum, so it is accepted only
 * when its pitch is within +-90 deg and the two bytes after it are {@code 55} and a known type: the
 * next packet must start exactly where this one ends. That costs one packet of latency for combined
 * packets, and a combined packet whose successor is corrupt is dropped with it. After any rejection
 * the search for the next start begins at the second byte of the rejected candidate, and only the
 * first rejection of a run counts as an integrity failure or malformed packet (the false starts met
 * while hunting count as skipped bytes only), so one corrupt packet costs exactly one packet.
 *
 * <p><b>Sample groups.</b> Each period the sensor sends its enabled packets in ascending type order:
 * (0x50 time), 0x51 acceleration, 0x52 angular rate, (0x53 angle), (0x54 magnetic field),
 * (0x59 quaternion). A group begins at a time packet, at an acceleration packet when the current
 * group already has one, or at an angular-rate packet when the current group already has one. Its sample is emitted on the angular-rate packet that follows the group's
 * acceleration packet, unless the stream is known to carry the magnetometer; then it is emitted on the
 * group's magnetometer packet, with the field attached. The stream is known to carry the magnetometer
 * from the first magnetometer packet that follows a complete acceleration/angular-rate pair until a
 * group ends without one (that group's sample is then emitted, without field, when the next group
 * begins). A combined packet is a whole group and emits at once. A group that had acceleration but
 * no angular rate, or angular rate without acceleration, is counted as one sample lost (from the
 * first sample on, so joining a stream mid-group loses nothing); a period whose packets are all lost
 * goes unnoticed.
 *
 * <p><b>Time.</b> The wire has no per-sample counter. {@code seq} counts sample periods from 0,
 * including the lost ones. The device time is the on-chip clock of the group's time packet (0x50),
 * as microseconds since 2000-01-01 00:00 of that clock, when the group has one; otherwise it is
 * extrapolated from the last time packet by whole periods of the configured output rate, or, before
 * any time packet, {@code seq} times the period. Enabling the time packet is therefore the accurate
 * choice: the sensor silently lowers its rate when the baud rate cannot carry the content, which a
 * rate-derived clock cannot see.
 *
 * <p>Single-threaded; nothing is allocated per byte or per sample after construction.
 */
public final class WitMotionDecoder implements ByteDecoder {
    /** First byte of every packet the sensor sends. */
    public static final int HEADER = 0x55;
    /** Length of the standard checksummed packet. */
    public static final int PACKET_BYTES = 11;
    /** Length of the combined (0x61) and register-reply (0x71) packets of the Bluetooth models. */
    public static final int LONG_PACKET_BYTES = 20;

    public static final int TYPE_TIME = 0x50;
    public static final int TYPE_ACC = 0x51;
    public static final int TYPE_GYRO = 0x52;
    public static final int TYPE_ANGLE = 0x53;
    public static final int TYPE_MAG = 0x54;
    public static final int TYPE_QUATERNION = 0x59;
    public static final int TYPE_COMBINED = 0x61;
    public static final int TYPE_REGISTER_REPLY = 0x71;

    /** Standard gravity, m/s^2 per g (CGPM 1901). */
    public static final double STANDARD_GRAVITY_MPS2 = 9.80665;
    private static final double FULL_SCALE_COUNTS = 32768.0;
    private static final double ANGLE_DEG_PER_COUNT = 180.0 / FULL_SCALE_COUNTS;
    private static final double QUATERNION_PER_COUNT = 1.0 / FULL_SCALE_COUNTS;
    private static final double TEMPERATURE_C_PER_COUNT = 0.01;
    /** Pitch is reported within +-90 deg (datasheets' angle range), i.e. raw within +-16384. */
    private static final int MAX_PITCH_COUNTS = 16384;
    /** A quaternion whose squared norm is outside this band cannot be a rotation (rounding keeps it near 1). */
    private static final double MIN_QUATERNION_NORM2 = 0.5;
    private static final double MAX_QUATERNION_NORM2 = 1.5;
    private static final int LOOKAHEAD_BYTES = 2;

    private final SampleListener listener;
    private final WitMotionAttitudeListener attitudeListener;
    private final WitMotionSettings settings;
    private final double accMps2PerCount;
    private final double gyroRadPerSPerCount;
    private final double magMicroTeslaPerCount;
    private final double periodMicros;

    private final DecoderCounters counters = new DecoderCounters();
    private final ImuSample sample = new ImuSample();
    private final WitMotionAttitude attitude = new WitMotionAttitude();

    // Framing: a candidate packet that starts with HEADER, kept across feed calls.
    private final byte[] candidate = new byte[LONG_PACKET_BYTES + LOOKAHEAD_BYTES];
    private int candidateLength;
    /** Set by a rejection, cleared by the next accepted packet: further rejections are false starts. */
    private boolean hunting;
    private long bytesInPackets;

    // The group being assembled.
    private boolean groupHasTime;
    private long groupTimeMicros;
    private boolean groupHasAcc;
    private boolean groupHasGyro;
    private boolean groupEmitted;
    private boolean groupCountedLost;
    private boolean awaitingMag;
    private boolean magInStream;
    private int accX, accY, accZ;
    private int gyroX, gyroY, gyroZ;

    // Sequence and clock.
    private long nextSeq;
    private long lastSeq = -1;
    private boolean chipClockSeen;
    private long lastChipTimeMicros;
    private long seqAtLastChipTime;

    private boolean hasTemperature;
    private double temperatureC;

    /** A decoder that hands samples to {@code listener} and ignores the sensor's own orientation. */
    public WitMotionDecoder(WitMotionSettings settings, SampleListener listener) {
        this(settings, listener, WitMotionAttitudeListener.NONE);
    }

    /** A decoder that also reports each angle or quaternion the sensor computed to {@code attitudeListener}. */
    public WitMotionDecoder(WitMotionSettings settings, SampleListener listener,
                            WitMotionAttitudeListener attitudeListener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.attitudeListener = Objects.requireNonNull(attitudeListener, "attitudeListener");
        this.accMps2PerCount = settings.accRangeG() * STANDARD_GRAVITY_MPS2 / FULL_SCALE_COUNTS;
        this.gyroRadPerSPerCount = Math.toRadians(settings.gyroRangeDegPerS()) / FULL_SCALE_COUNTS;
        this.magMicroTeslaPerCount = settings.magMicroTeslaPerLsb();
        this.periodMicros = settings.periodMicros();
    }

    @Override
    public void feed(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = data[i];
            if (candidateLength == 0 && (b & 0xFF) != HEADER) {
                counters.bytesSkipped(1);
                continue;
            }
            candidate[candidateLength++] = b;
            drain();
        }
    }

    @Override
    public DecoderCounters counters() {
        return counters;
    }

    /** The settings this decoder stamps and scales with. */
    public WitMotionSettings settings() {
        return settings;
    }

    /** The latest orientation the sensor computed itself; live and reused, see {@link WitMotionAttitude}. */
    public WitMotionAttitude attitude() {
        return attitude;
    }

    /** Whether an acceleration packet has reported the sensor's temperature yet. */
    public boolean hasTemperature() {
        return hasTemperature;
    }

    /** The temperature from the latest acceleration packet, deg C. */
    public double temperatureC() {
        return temperatureC;
    }

    /** Whether samples currently wait for the group's magnetometer packet (see the class comment). */
    public boolean magInStream() {
        return magInStream;
    }

    /** Bytes kept for the next {@link #feed} call: the start of a packet not yet complete. */
    public int bufferedBytes() {
        return candidateLength;
    }

    /**
     * Bytes that belonged to accepted packets, of known or unknown type. Every byte fed is in exactly
     * one of this, {@link DecoderCounters#bytesSkipped()} and {@link #bufferedBytes()}.
     */
    public long bytesInPackets() {
        return bytesInPackets;
    }

    private void drain() {
        while (candidateLength >= 2) {
            int type = candidate[1] & 0xFF;
            boolean longPacket = type == TYPE_COMBINED || type == TYPE_REGISTER_REPLY;
            if (candidateLength < (longPacket ? LONG_PACKET_BYTES + LOOKAHEAD_BYTES : PACKET_BYTES)) {
                return;
            }
            int consumed = longPacket ? decodeLong(type) : decodeShort(type);
            if (consumed > 0) {
                bytesInPackets += consumed;
                hunting = false;
                discard(consumed);
            }
        }
    }

    /** Decodes the 11-byte candidate; returns the bytes consumed, or 0 after rejecting it. */
    private int decodeShort(int type) {
        int sum = 0;
        for (int i = 0; i < PACKET_BYTES - 1; i++) {
            sum += candidate[i] & 0xFF;
        }
        if ((sum & 0xFF) != (candidate[PACKET_BYTES - 1] & 0xFF)) {
            reject(true);
            return 0;
        }
        boolean possible = switch (type) {
            case TYPE_TIME -> onTime();
            case TYPE_ACC -> onAcc();
            case TYPE_GYRO -> onGyro();
            case TYPE_ANGLE -> onAngle();
            case TYPE_MAG -> onMag();
            case TYPE_QUATERNION -> onQuaternion();
            default -> {
                counters.unknownType();
                yield true;
            }
        };
        if (!possible) {
            reject(false);
            return 0;
        }
        return PACKET_BYTES;
    }

    /** Decodes the 20-byte candidate plus two bytes of look-ahead; returns the bytes consumed, or 0. */
    private int decodeLong(int type) {
        int nextHeader = candidate[LONG_PACKET_BYTES] & 0xFF;
        int nextType = candidate[LONG_PACKET_BYTES + 1] & 0xFF;
        if (nextHeader != HEADER || !isKnownType(nextType)) {
            reject(true);
            return 0;
        }
        if (type == TYPE_REGISTER_REPLY) {
            counters.unknownType();
            return LONG_PACKET_BYTES;
        }
        if (Math.abs(word(7)) > MAX_PITCH_COUNTS) {
            reject(false);
            return 0;
        }
        counters.frameOk();
        endGroup();
        accX = word(0);
        accY = word(1);
        accZ = word(2);
        gyroX = word(3);
        gyroY = word(4);
        gyroZ = word(5);
        groupHasAcc = true;
        groupHasGyro = true;
        emit();
        attitude.setAngle(lastSeq, word(6) * ANGLE_DEG_PER_COUNT, word(7) * ANGLE_DEG_PER_COUNT,
                word(8) * ANGLE_DEG_PER_COUNT);
        attitudeListener.onAttitude(attitude);
        endGroup();
        return LONG_PACKET_BYTES;
    }

    private static boolean isKnownType(int type) {
        return (type >= TYPE_TIME && type <= 0x5A) || type == 0x5F || type == TYPE_COMBINED
                || type == TYPE_REGISTER_REPLY;
    }

    private boolean onTime() {
        int year = candidate[2] & 0xFF;
        int month = candidate[3] & 0xFF;
        int day = candidate[4] & 0xFF;
        int hour = candidate[5] & 0xFF;
        int minute = candidate[6] & 0xFF;
        int second = candidate[7] & 0xFF;
        int millis = (candidate[8] & 0xFF) | (candidate[9] & 0xFF) << 8;
        if (month > 12 || day > 31 || hour > 23 || minute > 59 || second > 59 || millis > 999) {
            return false;
        }
        counters.frameOk();
        endGroup();
        // An unset clock may report month or day 0; read it as the first.
        long days = daysSince2000(2000 + year, Math.max(month, 1), Math.max(day, 1));
        groupTimeMicros = ((((days * 24 + hour) * 60 + minute) * 60 + second) * 1000 + millis) * 1000;
        groupHasTime = true;
        return true;
    }

    private boolean onAcc() {
        counters.frameOk();
        if (groupHasAcc || groupCountedLost) {
            endGroup();
        }
        accX = word(0);
        accY = word(1);
        accZ = word(2);
        temperatureC = word(3) * TEMPERATURE_C_PER_COUNT;
        hasTemperature = true;
        groupHasAcc = true;
        return true;
    }

    private boolean onGyro() {
        counters.frameOk();
        if (groupHasGyro) {
            // A second angular rate in one group: a new group began and its acceleration was lost.
            endGroup();
        }
        if (!groupHasAcc) {
            countLostOnce();
            return true;
        }
        gyroX = word(0);
        gyroY = word(1);
        gyroZ = word(2);
        groupHasGyro = true;
        if (magInStream) {
            awaitingMag = true;
        } else {
            emit();
        }
        return true;
    }

    private boolean onAngle() {
        counters.frameOk();
        attitude.setAngle(groupSeq(), word(0) * ANGLE_DEG_PER_COUNT, word(1) * ANGLE_DEG_PER_COUNT,
                word(2) * ANGLE_DEG_PER_COUNT);
        attitudeListener.onAttitude(attitude);
        return true;
    }

    private boolean onMag() {
        counters.frameOk();
        if (awaitingMag) {
            awaitingMag = false;
            emitWithMag(word(0), word(1), word(2));
        } else if (groupEmitted) {
            magInStream = true;
        }
        return true;
    }

    private boolean onQuaternion() {
        double q0 = word(0) * QUATERNION_PER_COUNT;
        double q1 = word(1) * QUATERNION_PER_COUNT;
        double q2 = word(2) * QUATERNION_PER_COUNT;
        double q3 = word(3) * QUATERNION_PER_COUNT;
        double norm2 = q0 * q0 + q1 * q1 + q2 * q2 + q3 * q3;
        if (norm2 < MIN_QUATERNION_NORM2 || norm2 > MAX_QUATERNION_NORM2) {
            return false;
        }
        counters.frameOk();
        attitude.setQuaternion(groupSeq(), q0, q1, q2, q3);
        attitudeListener.onAttitude(attitude);
        return true;
    }

    /** Closes the current group: emits a sample still waiting for its field, counts an incomplete one. */
    private void endGroup() {
        if (awaitingMag) {
            awaitingMag = false;
            magInStream = false;
            emit();
        } else if (groupHasAcc && !groupHasGyro) {
            countLostOnce();
        }
        groupHasTime = false;
        groupHasAcc = false;
        groupHasGyro = false;
        groupEmitted = false;
        groupCountedLost = false;
    }

    private void countLostOnce() {
        if (groupCountedLost || groupEmitted || lastSeq < 0) {
            return;
        }
        groupCountedLost = true;
        nextSeq++;
        counters.samplesLost(settings.slot(), 1);
    }

    private long groupSeq() {
        return groupEmitted ? lastSeq : nextSeq;
    }

    private void emit() {
        fill();
        deliver();
    }

    private void emitWithMag(int magX, int magY, int magZ) {
        fill();
        sample.setMag(magX * magMicroTeslaPerCount, magY * magMicroTeslaPerCount, magZ * magMicroTeslaPerCount);
        deliver();
    }

    private void fill() {
        long seq = nextSeq++;
        lastSeq = seq;
        groupEmitted = true;
        sample.set(settings.deviceId(), settings.slot(), seq, deviceTimeMicros(seq),
                accX * accMps2PerCount, accY * accMps2PerCount, accZ * accMps2PerCount,
                gyroX * gyroRadPerSPerCount, gyroY * gyroRadPerSPerCount, gyroZ * gyroRadPerSPerCount);
    }

    private void deliver() {
        counters.sampleDecoded();
        listener.onSample(sample);
    }

    private long deviceTimeMicros(long seq) {
        if (groupHasTime) {
            chipClockSeen = true;
            lastChipTimeMicros = groupTimeMicros;
            seqAtLastChipTime = seq;
            return groupTimeMicros;
        }
        if (chipClockSeen) {
            return lastChipTimeMicros + Math.round((seq - seqAtLastChipTime) * periodMicros);
        }
        return Math.round(seq * periodMicros);
    }

    /** The signed little-endian 16-bit value {@code index} of the payload (which starts at byte 2). */
    private int word(int index) {
        int at = 2 + 2 * index;
        return (short) ((candidate[at] & 0xFF) | (candidate[at + 1] & 0xFF) << 8);
    }

    /** Drops the candidate's first byte and everything up to the next header byte inside it. */
    private void reject(boolean integrity) {
        if (!hunting) {
            if (integrity) {
                counters.integrityFailure();
            } else {
                counters.malformedFrame();
            }
            hunting = true;
        }
        int next = 1;
        while (next < candidateLength && (candidate[next] & 0xFF) != HEADER) {
            next++;
        }
        counters.bytesSkipped(next);
        discard(next);
    }

    private void discard(int n) {
        System.arraycopy(candidate, n, candidate, 0, candidateLength - n);
        candidateLength -= n;
    }

    /** Days from 2000-01-01 to the given civil date (proleptic Gregorian). */
    static long daysSince2000(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int monthFromMarch = (month + 9) % 12;
        int dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        long daysSince1970 = (long) era * 146097 + dayOfEra - 719468;
        return daysSince1970 - 10957;
    }
}
