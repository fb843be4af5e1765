package io.spinewatch.transport.serial;

import io.spinewatch.protocol.witmotion.WitMotionProbe;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Finds the speed a WitMotion sensor talks at: reads a short burst at each candidate speed in turn
 * and takes the first whose bytes {@link WitMotionProbe} recognises. At a wrong speed a UART turns the
 * sensor's bytes into framing garbage, which never holds valid checksummed packets.
 */
public final class WitMotionBaudSearch {
    /**
     * Listening time per candidate. Default {@value #DEFAULT_BURST_MILLIS} ms: at the factory 10 Hz a
     * sensor sends three groups, enough for {@link WitMotionProbe#DEFAULT_MIN_VALID_PACKETS} packets.
     */
    public static final int DEFAULT_BURST_MILLIS = 300;

    /** Reads what arrives in one burst at a speed. */
    @FunctionalInterface
    public interface BurstReader {
        byte[] read(int bitsPerSecond) throws IOException;
    }

    private WitMotionBaudSearch() {
    }

    /** The first candidate whose burst looks like WitMotion output, or empty when none does. */
    public static Optional<Integer> find(List<Integer> candidates, BurstReader reader) throws IOException {
        for (int baud : candidates) {
            byte[] burst = reader.read(baud);
            if (WitMotionProbe.looksLikeWitMotion(burst)) {
                return Optional.of(baud);
            }
        }
        return Optional.empty();
    }
}
