package io.spinewatch.ingest;

import io.spinewatch.protocol.DecoderCounters;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The link-level counters a source updates from its threads (I/O, reconnect, callers of send); a
 * source combines them with its decoders' counters into a {@link SourceStats}. Lock-free, allocation
 * free except for {@link #error(String)}.
 */
public final class SourceCounters {
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong disconnects = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong connectFailures = new AtomicLong();
    private final AtomicLong malformedPayloads = new AtomicLong();
    private final AtomicLong commandsSent = new AtomicLong();
    private final AtomicLong commandsDropped = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile boolean connected;

    public void bytesReceived(long n) { bytesReceived.addAndGet(n); }
    public void sample() { samples.incrementAndGet(); }
    public void disconnect() { disconnects.incrementAndGet(); }
    public void reconnect() { reconnects.incrementAndGet(); }
    public void connectFailure() { connectFailures.incrementAndGet(); }
    public void malformedPayload() { malformedPayloads.incrementAndGet(); }
    public void commandSent() { commandsSent.incrementAndGet(); }
    public void commandDropped() { commandsDropped.incrementAndGet(); }
    public void connected(boolean up) { connected = up; }
    public void error(String message) { lastError.set(message); }

    public boolean connected() { return connected; }
    public long disconnects() { return disconnects.get(); }

    /** Combines these counters with the decoders' at this instant. */
    public SourceStats snapshot(String source, DecoderCounters.Snapshot decoder) {
        return new SourceStats(source, connected, bytesReceived.get(), samples.get(), decoder, disconnects.get(),
                reconnects.get(), connectFailures.get(), malformedPayloads.get(), commandsSent.get(),
                commandsDropped.get(), Optional.ofNullable(lastError.get()));
    }
}
