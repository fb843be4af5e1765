package io.spinewatch.ingest;

import io.spinewatch.protocol.Command;
import java.io.IOException;

/**
 * One live input of IMU samples (a serial port, an MQTT connection): it owns its I/O, decodes bytes
 * into samples for its {@link IngestSink}, reconnects on its own with a {@link Backoff}, sends
 * commands back to devices, and counts what happened ({@link #stats()}).
 *
 * <p>Life cycle: {@link #start()} once, then {@link #stop()} or {@link #close()} (the same; both
 * idempotent). After {@code start()} the sink is called from the source's I/O thread (see
 * {@link IngestSink}); {@link #send}, {@link #stats()} and {@link #stop()} may be called from any thread.
 */
public interface Source extends AutoCloseable {

    /** A short name for logs and metrics, such as {@code serial:/dev/ttyUSB0}. */
    String name();

    /**
     * Opens the link and starts delivering samples. Throws when the first attempt fails for a reason
     * retrying cannot fix (a port that does not exist or may not be opened, credentials refused), with
     * a message that says what to do; other failures are retried in the background.
     */
    void start() throws IOException;

    /** Closes the link and stops reconnecting; returns once the I/O thread no longer calls the sink. */
    void stop();

    @Override
    default void close() {
        stop();
    }

    /**
     * Sends a command to a device of {@code wearerId}. Returns {@code false}, and counts it in
     * {@link SourceStats#commandsDropped()}, when the link is down or the device's protocol has no such
     * command; never blocks on a slow link for long. A wearer id the source could never address (not
     * a valid MQTT topic level) is a programming error and throws {@link IllegalArgumentException}.
     */
    boolean send(String wearerId, Command command);

    /** The counters now; safe from any thread. */
    SourceStats stats();
}
