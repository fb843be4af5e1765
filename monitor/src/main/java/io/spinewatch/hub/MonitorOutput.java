package io.spinewatch.hub;

/**
 * Where a {@link WearerHub} publishes what it concluded, besides the live bus: the MQTT posture and alert topics
 * when the samples came over MQTT. Called on the wearer's thread; an implementation must not block for long.
 */
public interface MonitorOutput {
    /** Nothing published. */
    MonitorOutput NONE = new MonitorOutput() {
        @Override
        public void posture(String wearerId, String json) {
        }

        @Override
        public void alert(String wearerId, String json) {
        }
    };

    /** The wearer's current posture as JSON (a state: retained where the medium supports it). */
    void posture(String wearerId, String json);

    /** One alert as JSON (an event: never retained). */
    void alert(String wearerId, String json);
}
