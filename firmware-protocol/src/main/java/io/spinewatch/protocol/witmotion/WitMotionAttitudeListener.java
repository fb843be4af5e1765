package io.spinewatch.protocol.witmotion;

/** Receives the sensor's own orientation after each angle or quaternion packet; the holder is reused after the call. */
@FunctionalInterface
public interface WitMotionAttitudeListener {
    /** A listener that ignores every update. */
    WitMotionAttitudeListener NONE = attitude -> { };

    void onAttitude(WitMotionAttitude attitude);
}
