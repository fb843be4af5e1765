package io.spinewatch.pipeline;

import io.spinewatch.protocol.SensorSlot;

/**
 * A sensor fell silent (no sample for the silence time) or came back, at wearer time {@code tSeconds}.
 *
 * @param silentSinceSeconds wearer time of its last sample before the silence
 */
public record SensorStatus(double tSeconds, SensorSlot slot, boolean silent, double silentSinceSeconds) {
}
