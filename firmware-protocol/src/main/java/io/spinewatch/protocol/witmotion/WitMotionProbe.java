package io.spinewatch.protocol.witmotion;

import io.spinewatch.protocol.DecoderCounters;
import io.spinewatch.protocol.SensorSlot;
import java.util.Objects;

/**
 * Tells whether bytes read from a serial port look like WitMotion output, for finding a sensor's baud
 * rate: read a short burst at each candidate speed and keep the one that {@link Result#looksValid(int)}.
 *
 * <p>A random 11-byte window passes as a packet with probability about 2^-24 (header, a known type,
 * checksum), so a few valid packets are strong evidence; requiring them to outnumber rejected
 * candidates guards against a wrong speed that happens to produce one.
 */
public final class WitMotionProbe {
    /** Valid packets that make a burst count as WitMotion output by default: at 10 Hz, under a second of data. */
    public static final int DEFAULT_MIN_VALID_PACKETS = 3;

    private WitMotionProbe() {
    }

    /**
     * What decoding a burst found.
     *
     * @param validPackets packets of a known type that passed every check.
     * @param rejectedPackets candidates rejected as corrupt or impossible.
     * @param unknownTypes checksummed packets of a type the decoder does not read.
     * @param bytesSkipped bytes outside any packet.
     */
    public record Result(long validPackets, long rejectedPackets, long unknownTypes, long bytesSkipped) {
        /** At least {@code minValidPackets} valid packets, and more than twice as many as rejected ones. */
        public boolean looksValid(int minValidPackets) {
            if (minValidPackets < 1) {
                throw new IllegalArgumentException("minValidPackets must be >= 1: " + minValidPackets);
            }
            return validPackets >= minValidPackets && validPackets > 2 * rejectedPackets;
        }
    }

    /** Decodes {@code length} bytes of {@code data} from {@code offset} with a throw-away decoder. */
    public static Result probe(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        WitMotionDecoder decoder = new WitMotionDecoder(WitMotionSettings.of(0, SensorSlot.UPPER), s -> { });
        decoder.feed(data, offset, length);
        DecoderCounters c = decoder.counters();
        return new Result(c.framesOk(), c.integrityFailures() + c.malformedFrames(), c.unknownTypes(), c.bytesSkipped());
    }

    /** Whether the whole of {@code data} holds at least {@link #DEFAULT_MIN_VALID_PACKETS} valid packets (see {@link Result}). */
    public static boolean looksLikeWitMotion(byte[] data) {
        return probe(data, 0, data.length).looksValid(DEFAULT_MIN_VALID_PACKETS);
    }
}
