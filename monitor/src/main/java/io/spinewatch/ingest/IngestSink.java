package io.spinewatch.ingest;

import io.spinewatch.protocol.Ack;
import io.spinewatch.protocol.DeviceStatus;
import io.spinewatch.protocol.ImuSample;

/**
 * Where a {@link Source} delivers what it decoded, keyed by wearer.
 *
 * <p>Threading: a source calls these methods from its own I/O thread (the serial port's event thread,
 * the MQTT client's callback thread), one call at a time per source, never concurrently with itself.
 * The {@link ImuSample} is reused after the call returns: copy it to keep it or to pass it on (the
 * lead's wiring hands a copy to the wearer's single-thread executor). An implementation must return
 * quickly and must not block on I/O: a slow sink stalls the source's reading, and on a serial port
 * the OS buffer overflows and bytes are lost.
 */
public interface IngestSink {

    /** A decoded IMU sample of {@code wearerId}; valid only during the call. */
    void onSample(String wearerId, ImuSample sample);

    /** A device reported its status. */
    default void onStatus(String wearerId, DeviceStatus status) {
    }

    /** A device acknowledged a command. */
    default void onAck(String wearerId, Ack ack) {
    }

    /**
     * Everything {@code wearerId} sent in one transport message (an MQTT payload) has been delivered: lets a sink
     * measure latency per message rather than per sample. Sources without message boundaries (serial) never call it.
     */
    default void onPayloadEnd(String wearerId) {
    }

    /** Someone asked, through the source (an MQTT control message), for {@code wearerId} to calibrate again. */
    default void onRecalibrate(String wearerId) {
    }

    /** The source's link came up ({@code true}) or went down ({@code false}); called on the source's threads. */
    default void onLinkChange(boolean up) {
    }
}
