package io.spinewatch.posture;

import java.util.List;
import java.util.Optional;

/**
 * What one run of the calibration routine gave: the calibration if one could be made, and what to tell the
 * wearer about it (missing hinge, a sensor that moved during the still phase, a guessed sagittal plane).
 *
 * @param startSeconds wearer time the routine's window began
 * @param endSeconds wearer time it ended
 * @param calibration the result, empty when no sensor had enough still data
 * @param hingeDetected whether a forward hinge was found (otherwise the sagittal plane is assumed)
 * @param warnings human-readable remarks, empty for a clean routine
 */
public record CalibrationResult(double startSeconds, double endSeconds, Optional<Calibration> calibration,
                                boolean hingeDetected, List<String> warnings) {
    public CalibrationResult {
        warnings = List.copyOf(warnings);
    }

    /** Whether a calibration was made. */
    public boolean ok() {
        return calibration.isPresent();
    }
}
