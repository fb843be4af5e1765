package io.spinewatch.live;

import java.util.Optional;

/** Something the pipeline tells its live consumers about one wearer. */
public sealed interface LiveEvent
        permits LiveEvent.Snapshot, LiveEvent.Alert, LiveEvent.DrillPrompt, LiveEvent.DrillProgress, LiveEvent.Calibration {

    /** The wearer it concerns. */
    String wearerId();

    /** Pipeline time at which it happened. */
    double tSeconds();

    /** The wearer's whole current picture; only the latest one matters. */
    record Snapshot(WearerSnapshot snapshot) implements LiveEvent {
        @Override
        public String wearerId() {
            return snapshot.wearerId();
        }

        @Override
        public double tSeconds() {
            return snapshot.tSeconds();
        }
    }

    /** An alert fell due (delivered or held back). */
    record Alert(String wearerId, AlertNote alert) implements LiveEvent {
        public Alert {
            WearerSnapshot.requireWearerId(wearerId);
        }

        @Override
        public double tSeconds() {
            return alert.tSeconds();
        }
    }

    /** The monitor suggests a drill. */
    record DrillPrompt(String wearerId, double tSeconds, DrillCard card) implements LiveEvent {
        public DrillPrompt {
            WearerSnapshot.requireWearerId(wearerId);
        }
    }

    /** A repetition was counted, or the drill ended. */
    record DrillProgress(String wearerId, double tSeconds, DrillCard card, DrillStatus status) implements LiveEvent {
        public DrillProgress {
            WearerSnapshot.requireWearerId(wearerId);
        }
    }

    /** A calibration step began, ended or failed. */
    record Calibration(String wearerId, double tSeconds, CalibrationPhase phase, Optional<String> message)
            implements LiveEvent {
        public Calibration {
            WearerSnapshot.requireWearerId(wearerId);
        }
    }

    /** Where a drill stands. */
    enum DrillStatus {
        /** Still going: repetitions are being counted. */
        ACTIVE("active"),
        /** Ended with the target reached or confirmed done by the wearer. */
        DONE("done"),
        /** The wearer declined it. */
        SKIPPED("skipped"),
        /** Nothing happened for too long; the coach gave up. */
        EXPIRED("expired");

        private final String label;

        DrillStatus(String label) {
            this.label = label;
        }

        /** The JSON and metrics name. */
        public String label() {
            return label;
        }
    }

    /** The steps of the calibration (sit tall, then hinge forward with a straight back). */
    enum CalibrationPhase {
        /** Requested; waiting for the wearer to sit tall. */
        STARTED("started"),
        /** Sitting tall: the neutral is being measured. */
        SIT_TALL("sit_tall"),
        /** Hinging forward at the hips: the sagittal plane is being found. */
        HINGE("hinge"),
        /** Finished; angles are now relative to the new neutral. */
        DONE("done"),
        /** Could not finish; {@code message} says why. */
        FAILED("failed");

        private final String label;

        CalibrationPhase(String label) {
            this.label = label;
        }

        /** The JSON and metrics name. */
        public String label() {
            return label;
        }
    }
}
