package io.spinewatch.ingest;

import io.spinewatch.protocol.DecoderCounters;
import java.util.Optional;

/**
 * A source's counters at one instant: an immutable value, safe to hand to metrics or the dashboard.
 *
 * @param source the source's {@link Source#name()}.
 * @param connected whether the link was up.
 * @param bytesReceived bytes read from the link (payload bytes for MQTT).
 * @param samples samples delivered to the sink.
 * @param decoder the decoders' counters, summed over every device or wearer of the source.
 * @param disconnects times an established link was lost.
 * @param reconnects times the link was re-established after a loss.
 * @param connectFailures attempts to open the link that failed.
 * @param malformedPayloads MQTT payloads that could not be used (bad JSON, a frame cut off); 0 on serial.
 * @param commandsSent commands written to the link.
 * @param commandsDropped commands not sent (link down, unsupported by the device's protocol).
 * @param lastError the most recent failure, as a message for people; empty when none happened.
 */
public record SourceStats(String source, boolean connected, long bytesReceived, long samples,
                          DecoderCounters.Snapshot decoder, long disconnects, long reconnects, long connectFailures,
                          long malformedPayloads, long commandsSent, long commandsDropped,
                          Optional<String> lastError) {

    /** A snapshot of counters that are all zero. */
    public static final DecoderCounters.Snapshot NO_DECODER = new DecoderCounters().snapshot();

    /** Field-wise sum, for sources with one decoder per device. */
    public static DecoderCounters.Snapshot sum(DecoderCounters.Snapshot a, DecoderCounters.Snapshot b) {
        return new DecoderCounters.Snapshot(a.framesOk() + b.framesOk(),
                a.integrityFailures() + b.integrityFailures(), a.malformedFrames() + b.malformedFrames(),
                a.unknownTypes() + b.unknownTypes(), a.unsupportedVersions() + b.unsupportedVersions(),
                a.bytesSkipped() + b.bytesSkipped(), a.samplesDecoded() + b.samplesDecoded(),
                a.samplesLostUpper() + b.samplesLostUpper(), a.samplesLostMid() + b.samplesLostMid(),
                a.samplesLostPelvis() + b.samplesLostPelvis());
    }

    /** One line for logs and command summaries. */
    public String describe() {
        return source + (connected ? " up" : " down") + " bytes=" + bytesReceived + " samples=" + samples
                + " disconnects=" + disconnects + " reconnects=" + reconnects + " connect_failures=" + connectFailures
                + " malformed_payloads=" + malformedPayloads + " commands_sent=" + commandsSent
                + " commands_dropped=" + commandsDropped + " | " + decoder.describe()
                + lastError.map(e -> " | last_error: " + e).orElse("");
    }
}
