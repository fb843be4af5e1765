package io.spinewatch.pipeline;

import io.spinewatch.feedback.AlertParams;
import io.spinewatch.fusion.FilterParams;
import io.spinewatch.posture.ActivityParams;
import io.spinewatch.posture.PostureParams;

/**
 * Settings of one {@link WearerPipeline}.
 *
 * @param stepRateHz how often posture is evaluated on the wearer timeline (angles, activity, state, feedback),
 *     Hz. Default 10: posture changes over seconds, the repetition counters low-pass at 2 Hz, and the alert
 *     latency this adds is at most 0.1 s.
 * @param anglesEnabled whether an angles event leaves at every step. Default on; off saves one small record per step.
 * @param silenceSeconds a calibrated sensor quiet this long makes the state {@code no_signal}, s. Default 1.
 * @param sensorLostSeconds a calibrated sensor quiet this long is left out, and the wearer goes on with the
 *     angles the other sensors give (its own go absent) until it returns, s. Default 30: a battery or a dropped
 *     sensor should not stop the others from working.
 * @param autoCalibrationSeconds without an explicit routine, the first this many seconds are used to calibrate
 *     (a hinge within them is used when found; otherwise the sagittal plane is assumed), s. Default 20.
 * @param dropoutBridgeSeconds while the state is {@code no_signal} for less than this, the alert policy is not
 *     updated: a radio dropout says nothing about posture, so a slouch that continues after it is the same slouch
 *     (one alert, not two), s. Default 10.
 * @param promptedDrillTimeoutSeconds a prompted drill with no repetition this long after the prompt is abandoned,
 *     s. Default 60. Once begun, it ends after a pause as an unprompted set does.
 * @param filter the orientation filter's settings
 * @param activity the activity detector's settings
 * @param posture the posture classifier's thresholds
 * @param alerts the alert policy's settings
 */
public record PipelineParams(double stepRateHz, boolean anglesEnabled, double silenceSeconds, double sensorLostSeconds,
                             double autoCalibrationSeconds, double dropoutBridgeSeconds, double promptedDrillTimeoutSeconds,
                             FilterParams filter, ActivityParams activity, PostureParams posture, AlertParams alerts) {
    public static final double DEFAULT_STEP_RATE_HZ = 10;
    public static final PipelineParams DEFAULT = defaults(AlertParams.DEFAULTS);

    public PipelineParams {
        if (!(stepRateHz >= 5 && stepRateHz <= 100)) throw new IllegalArgumentException("stepRateHz must be in 5..100: " + stepRateHz);
        if (!(silenceSeconds >= 0.2 && silenceSeconds <= 30)) throw new IllegalArgumentException("silenceSeconds must be in 0.2..30: " + silenceSeconds);
        if (!(sensorLostSeconds >= silenceSeconds && sensorLostSeconds <= 3600)) throw new IllegalArgumentException("sensorLostSeconds must be in silenceSeconds..3600: " + sensorLostSeconds);
        if (!(autoCalibrationSeconds >= 3 && autoCalibrationSeconds <= 120)) throw new IllegalArgumentException("autoCalibrationSeconds must be in 3..120: " + autoCalibrationSeconds);
        if (!(dropoutBridgeSeconds >= 0 && dropoutBridgeSeconds <= 120)) throw new IllegalArgumentException("dropoutBridgeSeconds must be in 0..120: " + dropoutBridgeSeconds);
        if (!(promptedDrillTimeoutSeconds >= 5 && promptedDrillTimeoutSeconds <= 600)) throw new IllegalArgumentException("promptedDrillTimeoutSeconds must be in 5..600");
        if (filter == null || activity == null || posture == null || alerts == null) throw new IllegalArgumentException("all settings are required");
    }

    /** The defaults, with the given alert settings. */
    public static PipelineParams defaults(AlertParams alerts) {
        return new PipelineParams(DEFAULT_STEP_RATE_HZ, true, 1, 30, 20, 10, 60, FilterParams.DEFAULT, ActivityParams.DEFAULT,
                PostureParams.DEFAULT, alerts);
    }

    public PipelineParams withAnglesEnabled(boolean on) {
        return new PipelineParams(stepRateHz, on, silenceSeconds, sensorLostSeconds, autoCalibrationSeconds, dropoutBridgeSeconds, promptedDrillTimeoutSeconds,
                filter, activity, posture, alerts);
    }

    public PipelineParams withPosture(PostureParams p) {
        return new PipelineParams(stepRateHz, anglesEnabled, silenceSeconds, sensorLostSeconds, autoCalibrationSeconds, dropoutBridgeSeconds, promptedDrillTimeoutSeconds,
                filter, activity, p, alerts);
    }

    public PipelineParams withStepRateHz(double hz) {
        return new PipelineParams(hz, anglesEnabled, silenceSeconds, sensorLostSeconds, autoCalibrationSeconds, dropoutBridgeSeconds, promptedDrillTimeoutSeconds,
                filter, activity, posture, alerts);
    }
}
