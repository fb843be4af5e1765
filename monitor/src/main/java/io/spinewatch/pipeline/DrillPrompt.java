package io.spinewatch.pipeline;

import io.spinewatch.feedback.AlertEvent;
import io.spinewatch.feedback.Drill;

/**
 * A drill suggested with an alert.
 *
 * @param counted whether the sensors will count its repetitions (a prompted session runs)
 */
public record DrillPrompt(double tSeconds, Drill drill, AlertEvent cause, boolean counted) {
}
