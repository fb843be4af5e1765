package io.spinewatch.protocol;

/**
 * What a decoder has seen: good frames, each kind of bad input, and samples lost to sequence gaps.
 *
 * <p>Mutable and single-threaded: the decoder's thread increments it; other threads read a
 * {@link #snapshot()}. Counting never allocates.
 */
public final class DecoderCounters {
    private long framesOk;
    private long integrityFailures;
    private long malformedFrames;
    private long unknownTypes;
    private long unsupportedVersions;
    private long bytesSkipped;
    private long samplesDecoded;
    private final long[] samplesLostBySlot = new long[SensorSlot.COUNT];

    public void frameOk() { framesOk++; }
    public void integrityFailure() { integrityFailures++; }
    public void malformedFrame() { malformedFrames++; }
    public void unknownType() { unknownTypes++; }
    public void unsupportedVersion() { unsupportedVersions++; }
    public void bytesSkipped(long n) { bytesSkipped += n; }
    public void sampleDecoded() { samplesDecoded++; }
    public void samplesLost(SensorSlot slot, long n) { samplesLostBySlot[slot.ordinal()] += n; }

    public long framesOk() { return framesOk; }
    public long integrityFailures() { return integrityFailures; }
    public long malformedFrames() { return malformedFrames; }
    public long unknownTypes() { return unknownTypes; }
    public long unsupportedVersions() { return unsupportedVersions; }
    public long bytesSkipped() { return bytesSkipped; }
    public long samplesDecoded() { return samplesDecoded; }
    public long samplesLost(SensorSlot slot) { return samplesLostBySlot[slot.ordinal()]; }

    public long samplesLostTotal() {
        long total = 0;
        for (long n : samplesLostBySlot) {
            total += n;
        }
        return total;
    }

    /** An immutable copy, safe to hand to another thread. */
    public Snapshot snapshot() {
        return new Snapshot(framesOk, integrityFailures, malformedFrames, unknownTypes, unsupportedVersions,
                bytesSkipped, samplesDecoded,
                samplesLostBySlot[0], samplesLostBySlot[1], samplesLostBySlot[2]);
    }

    /** Counter values at one instant. */
    public record Snapshot(long framesOk, long integrityFailures, long malformedFrames, long unknownTypes,
                           long unsupportedVersions, long bytesSkipped, long samplesDecoded,
                           long samplesLostUpper, long samplesLostMid, long samplesLostPelvis) {

        public long samplesLostTotal() {
            return samplesLostUpper + samplesLostMid + samplesLostPelvis;
        }

        /** One line for logs and the decode summary. */
        public String describe() {
            return "frames_ok=" + framesOk + " integrity_failures=" + integrityFailures
                    + " malformed=" + malformedFrames + " unknown_types=" + unknownTypes
                    + " unsupported_versions=" + unsupportedVersions + " bytes_skipped=" + bytesSkipped
                    + " samples=" + samplesDecoded + " samples_lost=" + samplesLostTotal()
                    + " (upper=" + samplesLostUpper + " mid=" + samplesLostMid + " pelvis=" + samplesLostPelvis + ")";
        }
    }
}
