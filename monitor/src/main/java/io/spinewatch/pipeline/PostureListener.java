package io.spinewatch.pipeline;

import io.spinewatch.feedback.AlertEvent;
import io.spinewatch.feedback.DrillSet;
import io.spinewatch.posture.CalibrationResult;
import io.spinewatch.posture.PostureState;
import io.spinewatch.posture.SpineAngles;

/**
 * Receives what a {@link WearerPipeline} produces, on the pipeline's thread. Every method has a no-op default;
 * events are immutable records and may be kept.
 */
public interface PostureListener {
    /** A calibration routine began (explicit, requested or automatic). */
    default void onCalibrationStarted(double tSeconds, double endSeconds) {
    }

    /** A calibration routine finished, successfully or not. */
    default void onCalibration(CalibrationResult result) {
    }

    /** The posture state changed. */
    default void onStateChange(StateChange change) {
    }

    /** The angles at one step, with the state then (only when angles are enabled). */
    default void onAngles(SpineAngles angles, PostureState state) {
    }

    /** An alert was due, delivered or held back (see {@link AlertEvent#delivery()}). */
    default void onAlert(AlertEvent alert) {
    }

    /** A drill was suggested with a delivered alert. */
    default void onDrillPrompt(DrillPrompt prompt) {
    }

    /** A drill set ended: prompted (counted after a prompt) or recognised without one. */
    default void onDrillSet(DrillSet set) {
    }

    /** A sensor fell silent or came back. */
    default void onSensorStatus(SensorStatus status) {
    }

    /** Both listeners, {@code first} then {@code second}, for every event. */
    static PostureListener tee(PostureListener first, PostureListener second) {
        return new PostureListener() {
            @Override
            public void onCalibrationStarted(double tSeconds, double endSeconds) {
                first.onCalibrationStarted(tSeconds, endSeconds);
                second.onCalibrationStarted(tSeconds, endSeconds);
            }

            @Override
            public void onCalibration(CalibrationResult result) {
                first.onCalibration(result);
                second.onCalibration(result);
            }

            @Override
            public void onStateChange(StateChange change) {
                first.onStateChange(change);
                second.onStateChange(change);
            }

            @Override
            public void onAngles(SpineAngles angles, PostureState state) {
                first.onAngles(angles, state);
                second.onAngles(angles, state);
            }

            @Override
            public void onAlert(AlertEvent alert) {
                first.onAlert(alert);
                second.onAlert(alert);
            }

            @Override
            public void onDrillPrompt(DrillPrompt prompt) {
                first.onDrillPrompt(prompt);
                second.onDrillPrompt(prompt);
            }

            @Override
            public void onDrillSet(DrillSet set) {
                first.onDrillSet(set);
                second.onDrillSet(set);
            }

            @Override
            public void onSensorStatus(SensorStatus status) {
                first.onSensorStatus(status);
                second.onSensorStatus(status);
            }
        };
    }
}
