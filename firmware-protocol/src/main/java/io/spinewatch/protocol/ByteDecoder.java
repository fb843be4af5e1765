package io.spinewatch.protocol;

/**
 * A streaming decoder: bytes arrive in chunks of any size, split at any byte, and decoded samples
 * leave through the listener given at construction.
 *
 * <p>Bad data never throws: a corrupt or unknown frame is counted in {@link #counters()}, its bytes
 * are skipped, and decoding resumes at the next plausible frame start. Only programming errors
 * (a null array, an offset outside it) throw.
 */
public interface ByteDecoder {

    /** Consumes {@code length} bytes of {@code data} from {@code offset}; keeps a partial frame for the next call. */
    void feed(byte[] data, int offset, int length);

    /** Convenience for a whole array. */
    default void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    /** What this decoder has seen so far; live, owned by the decoder's thread. */
    DecoderCounters counters();
}
