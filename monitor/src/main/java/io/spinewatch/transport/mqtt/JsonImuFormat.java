package io.spinewatch.transport.mqtt;

import java.util.Objects;
import java.util.Set;
import java.util.HashSet;

/**
 * The field names and units of the JSON payload form on {@code spinewatch/<wearer>/imu/json}, for
 * firmware that cannot produce the binary protocol. One sample is an object; a payload is one object
 * or an array of up to {@value #MAX_SAMPLES_PER_PAYLOAD} of them:
 * <pre>{"slot":"upper","seq":41,"t_ms":123456,"acc":[0.01,-0.02,0.99],"gyro":[0.5,-0.1,0.0]}</pre>
 *
 * @param slotField sensor position, {@code "upper"}, {@code "mid"}, {@code "pelvis"} or 0..2; optional,
 *     {@code upper} when absent. Default {@code "slot"}.
 * @param seqField sample counter per slot, for loss counting; optional (then the monitor numbers
 *     samples itself and cannot see loss). Default {@code "seq"}.
 * @param timeField device time of the sample; required. Default {@code "t_ms"} in milliseconds:
 *     Arduino's {@code millis()}.
 * @param timeUnit unit of {@code timeField}. Default milliseconds.
 * @param deviceField numeric device id, 0..2^32-1; optional, 0 when absent. Default {@code "device"}.
 * @param accField acceleration, an array of three numbers, x y z; required. Default {@code "acc"}.
 * @param accUnit unit of {@code accField}. Default g: what most hobby IMU libraries report.
 * @param gyroField angular rate, three numbers; required. Default {@code "gyro"}.
 * @param gyroUnit unit of {@code gyroField}. Default degrees per second, likewise.
 * @param magField magnetic field in microtesla, three numbers; optional. Default {@code "mag"}.
 */
public record JsonImuFormat(String slotField, String seqField, String timeField, TimeUnit timeUnit, String deviceField,
                            String accField, AccUnit accUnit, String gyroField, GyroUnit gyroUnit, String magField) {
    /** Samples in one payload at most: the binary protocol's batch limit. */
    public static final int MAX_SAMPLES_PER_PAYLOAD = 64;

    public static final JsonImuFormat DEFAULT = new JsonImuFormat("slot", "seq", "t_ms", TimeUnit.MILLISECONDS,
            "device", "acc", AccUnit.G, "gyro", GyroUnit.DEG_PER_S, "mag");

    /** Units of acceleration. */
    public enum AccUnit {
        /** Standard gravity, 9.80665 m/s^2. */
        G(9.80665),
        MPS2(1);

        private final double toMps2;

        AccUnit(double toMps2) {
            this.toMps2 = toMps2;
        }

        public double toMps2() {
            return toMps2;
        }
    }

    /** Units of angular rate. */
    public enum GyroUnit {
        DEG_PER_S(Math.PI / 180),
        RAD_PER_S(1);

        private final double toRadPerS;

        GyroUnit(double toRadPerS) {
            this.toRadPerS = toRadPerS;
        }

        public double toRadPerS() {
            return toRadPerS;
        }
    }

    /** Units of the time field. */
    public enum TimeUnit {
        MILLISECONDS(1000),
        MICROSECONDS(1);

        private final long toMicros;

        TimeUnit(long toMicros) {
            this.toMicros = toMicros;
        }

        public long toMicros() {
            return toMicros;
        }
    }

    public JsonImuFormat {
        Objects.requireNonNull(timeUnit, "timeUnit");
        Objects.requireNonNull(accUnit, "accUnit");
        Objects.requireNonNull(gyroUnit, "gyroUnit");
        Set<String> names = new HashSet<>();
        for (String f : new String[] {slotField, seqField, timeField, deviceField, accField, gyroField, magField}) {
            Objects.requireNonNull(f, "field name");
            if (f.isEmpty() || f.length() > 64 || !f.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\\')) {
                throw new IllegalArgumentException("a field name must be 1..64 printable ASCII characters without quotes or backslashes: '" + f + "'");
            }
            if (!names.add(f)) {
                throw new IllegalArgumentException("field name used twice: " + f);
            }
        }
    }

    public JsonImuFormat withUnits(AccUnit acc, GyroUnit gyro) {
        return new JsonImuFormat(slotField, seqField, timeField, timeUnit, deviceField, accField, acc, gyroField, gyro,
                magField);
    }
}
