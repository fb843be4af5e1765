package io.spinewatch.sim;

/**
 * How far the simulated IMUs are from ideal. Every random quantity is drawn from the simulation seed, so
 * equal seeds give equal output. {@link #NONE} is the ideal sensor; {@link #REALISTIC} a small BMI270-class
 * IMU on a wireless wearable.
 *
 * <p>White noise per sample has standard deviation {@code density * sqrt(sampleRateHz / 2)}: the
 * anti-alias filter of these parts passes about up to the Nyquist frequency.
 *
 * @param accNoiseMicroGPerRootHz accelerometer noise density. Default {@value #DEFAULT_ACC_NOISE}: BMI270
 *     datasheet typical (ICM-42688-P and LSM6DSO are quieter, about 70)
 * @param gyroNoiseDegPerSPerRootHz gyroscope noise density. Default {@value #DEFAULT_GYRO_NOISE}: BMI270
 *     typical (ICM-42688-P 0.0028, LSM6DSO 0.0038)
 * @param gyroBiasMaxDegPerS each gyro axis gets a constant bias uniform in +-this. Default
 *     {@value #DEFAULT_GYRO_BIAS}: zero-rate offsets of this class are +-0.5..1 deg/s typical at 25 C;
 *     solder stress and temperature widen that
 * @param gyroBiasWalkDegPerSPerRootS random-walk part of the gyro bias (rate random walk). Default
 *     {@value #DEFAULT_GYRO_BIAS_WALK}: about 0.1 deg/s of drift per hour, 0.35 deg/s over 8 hours, the
 *     order of the temperature coefficient of offset (+-0.01..0.02 deg/s/K) over a few kelvin
 * @param accBiasMaxMilliG each accelerometer axis gets a constant bias uniform in +-this. Default
 *     {@value #DEFAULT_ACC_BIAS}: the zero-g offset typical of all three parts
 * @param accScaleErrorMaxPercent per-axis sensitivity error uniform in +-this. Default
 *     {@value #DEFAULT_SCALE_ERROR}: the sensitivity tolerance class of these datasheets (+-0.5..1 %)
 * @param gyroScaleErrorMaxPercent as for the accelerometer. Default {@value #DEFAULT_SCALE_ERROR}
 * @param quantise whether outputs are int16 codes over the full-scale ranges, saturating at the ends
 * @param accRangeG accelerometer full scale, +-g. Default {@value #DEFAULT_ACC_RANGE_G} (the widest
 *     range of these parts; LSB 0.49 mg)
 * @param gyroRangeDegPerS gyroscope full scale. Default {@value #DEFAULT_GYRO_RANGE} (LSB 0.061 deg/s)
 * @param timestampJitterMaxMicros each timestamp is late by a uniform 0..this: interrupt and radio-stack
 *     latency on a small MCU. Default {@value #DEFAULT_JITTER_US}
 * @param clockOffsetMaxS each device clock starts uniform 0..this ahead of true time. Default
 *     {@value #DEFAULT_CLOCK_OFFSET}: what remains after a host-side sync at connect
 * @param clockDriftMaxPpm each device clock runs fast or slow, uniform in +-this. Default
 *     {@value #DEFAULT_DRIFT_PPM}: a +-20 ppm crystal plus temperature
 * @param dropProbability chance that any one sample is lost on the radio link. Default
 *     {@value #DEFAULT_DROP_PROBABILITY}
 * @param dropBurstsPerHour mean rate of burst outages (link fades, body shadowing). Default
 *     {@value #DEFAULT_BURSTS_PER_HOUR}
 * @param dropBurstMeanS mean burst length (exponential, capped at 10x). Default {@value #DEFAULT_BURST_MEAN_S}
 * @param magNoiseMicroTesla magnetometer white noise per sample, standard deviation. Default
 *     {@value #DEFAULT_MAG_NOISE}: BMM150-class
 * @param magHardIronMaxMicroTesla constant magnetometer offset per axis, uniform in +-this. Default
 *     {@value #DEFAULT_HARD_IRON}: the board's own magnetised parts
 */
public record SensorNoise(double accNoiseMicroGPerRootHz, double gyroNoiseDegPerSPerRootHz,
                          double gyroBiasMaxDegPerS, double gyroBiasWalkDegPerSPerRootS,
                          double accBiasMaxMilliG, double accScaleErrorMaxPercent, double gyroScaleErrorMaxPercent,
                          boolean quantise, double accRangeG, double gyroRangeDegPerS,
                          double timestampJitterMaxMicros, double clockOffsetMaxS, double clockDriftMaxPpm,
                          double dropProbability, double dropBurstsPerHour, double dropBurstMeanS,
                          double magNoiseMicroTesla, double magHardIronMaxMicroTesla) {

    public static final double DEFAULT_ACC_NOISE = 160;
    public static final double DEFAULT_GYRO_NOISE = 0.008;
    public static final double DEFAULT_GYRO_BIAS = 2.0;
    public static final double DEFAULT_GYRO_BIAS_WALK = 0.002;
    public static final double DEFAULT_ACC_BIAS = 20;
    public static final double DEFAULT_SCALE_ERROR = 1.0;
    public static final double DEFAULT_ACC_RANGE_G = 16;
    public static final double DEFAULT_GYRO_RANGE = 2000;
    public static final double DEFAULT_JITTER_US = 200;
    public static final double DEFAULT_CLOCK_OFFSET = 0.02;
    public static final double DEFAULT_DRIFT_PPM = 30;
    public static final double DEFAULT_DROP_PROBABILITY = 0.002;
    public static final double DEFAULT_BURSTS_PER_HOUR = 6;
    public static final double DEFAULT_BURST_MEAN_S = 0.5;
    public static final double DEFAULT_MAG_NOISE = 0.4;
    public static final double DEFAULT_HARD_IRON = 5;

    /** The ideal sensor: exact readings at exact instants, true-time clocks, nothing lost. */
    public static final SensorNoise NONE = new SensorNoise(0, 0, 0, 0, 0, 0, 0, false,
            DEFAULT_ACC_RANGE_G, DEFAULT_GYRO_RANGE, 0, 0, 0, 0, 0, DEFAULT_BURST_MEAN_S, 0, 0);

    /** Every imperfection at its documented default. */
    public static final SensorNoise REALISTIC = new SensorNoise(DEFAULT_ACC_NOISE, DEFAULT_GYRO_NOISE,
            DEFAULT_GYRO_BIAS, DEFAULT_GYRO_BIAS_WALK, DEFAULT_ACC_BIAS, DEFAULT_SCALE_ERROR, DEFAULT_SCALE_ERROR,
            true, DEFAULT_ACC_RANGE_G, DEFAULT_GYRO_RANGE, DEFAULT_JITTER_US, DEFAULT_CLOCK_OFFSET,
            DEFAULT_DRIFT_PPM, DEFAULT_DROP_PROBABILITY, DEFAULT_BURSTS_PER_HOUR, DEFAULT_BURST_MEAN_S,
            DEFAULT_MAG_NOISE, DEFAULT_HARD_IRON);

    public SensorNoise {
        nonNegative("accNoiseMicroGPerRootHz", accNoiseMicroGPerRootHz, 10_000);
        nonNegative("gyroNoiseDegPerSPerRootHz", gyroNoiseDegPerSPerRootHz, 10);
        nonNegative("gyroBiasMaxDegPerS", gyroBiasMaxDegPerS, 50);
        nonNegative("gyroBiasWalkDegPerSPerRootS", gyroBiasWalkDegPerSPerRootS, 1);
        nonNegative("accBiasMaxMilliG", accBiasMaxMilliG, 1000);
        nonNegative("accScaleErrorMaxPercent", accScaleErrorMaxPercent, 20);
        nonNegative("gyroScaleErrorMaxPercent", gyroScaleErrorMaxPercent, 20);
        if (!(accRangeG >= 1 && accRangeG <= 64)) {
            throw new IllegalArgumentException("accRangeG must be in 1..64: " + accRangeG);
        }
        if (!(gyroRangeDegPerS >= 15 && gyroRangeDegPerS <= 8000)) {
            throw new IllegalArgumentException("gyroRangeDegPerS must be in 15..8000: " + gyroRangeDegPerS);
        }
        nonNegative("timestampJitterMaxMicros", timestampJitterMaxMicros, 100_000);
        nonNegative("clockOffsetMaxS", clockOffsetMaxS, 3600);
        nonNegative("clockDriftMaxPpm", clockDriftMaxPpm, 10_000);
        nonNegative("dropProbability", dropProbability, 0.5);
        nonNegative("dropBurstsPerHour", dropBurstsPerHour, 3600);
        if (!(dropBurstMeanS > 0 && dropBurstMeanS <= 600)) {
            throw new IllegalArgumentException("dropBurstMeanS must be in (0, 600]: " + dropBurstMeanS);
        }
        nonNegative("magNoiseMicroTesla", magNoiseMicroTesla, 100);
        nonNegative("magHardIronMaxMicroTesla", magHardIronMaxMicroTesla, 1000);
    }

    private static void nonNegative(String name, double v, double max) {
        if (!(v >= 0 && v <= max)) {
            throw new IllegalArgumentException(name + " must be in 0.." + max + ": " + v);
        }
    }

    /** The preset named {@code none} or {@code realistic}. */
    public static SensorNoise named(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "none", "ideal" -> NONE;
            case "realistic" -> REALISTIC;
            default -> throw new IllegalArgumentException("unknown noise preset '" + name + "' (none, realistic)");
        };
    }

    /** A copy without any lost samples (keeps every other imperfection). */
    public SensorNoise withoutDrops() {
        return new SensorNoise(accNoiseMicroGPerRootHz, gyroNoiseDegPerSPerRootHz, gyroBiasMaxDegPerS,
                gyroBiasWalkDegPerSPerRootS, accBiasMaxMilliG, accScaleErrorMaxPercent, gyroScaleErrorMaxPercent,
                quantise, accRangeG, gyroRangeDegPerS, timestampJitterMaxMicros, clockOffsetMaxS, clockDriftMaxPpm,
                0, 0, dropBurstMeanS, magNoiseMicroTesla, magHardIronMaxMicroTesla);
    }

    /** A copy with int16 quantisation over the given ranges (or without, when {@code quantise} is false). */
    public SensorNoise withQuantisation(boolean quantise, double accRangeG, double gyroRangeDegPerS) {
        return new SensorNoise(accNoiseMicroGPerRootHz, gyroNoiseDegPerSPerRootHz, gyroBiasMaxDegPerS,
                gyroBiasWalkDegPerSPerRootS, accBiasMaxMilliG, accScaleErrorMaxPercent, gyroScaleErrorMaxPercent,
                quantise, accRangeG, gyroRangeDegPerS, timestampJitterMaxMicros, clockOffsetMaxS, clockDriftMaxPpm,
                dropProbability, dropBurstsPerHour, dropBurstMeanS, magNoiseMicroTesla, magHardIronMaxMicroTesla);
    }

    /** A copy with the given loss model. */
    public SensorNoise withDrops(double dropProbability, double dropBurstsPerHour, double dropBurstMeanS) {
        return new SensorNoise(accNoiseMicroGPerRootHz, gyroNoiseDegPerSPerRootHz, gyroBiasMaxDegPerS,
                gyroBiasWalkDegPerSPerRootS, accBiasMaxMilliG, accScaleErrorMaxPercent, gyroScaleErrorMaxPercent,
                quantise, accRangeG, gyroRangeDegPerS, timestampJitterMaxMicros, clockOffsetMaxS, clockDriftMaxPpm,
                dropProbability, dropBurstsPerHour, dropBurstMeanS, magNoiseMicroTesla, magHardIronMaxMicroTesla);
    }
}
