package io.spinewatch.ingest;

/**
 * Sees every byte a source reads, before decoding, on the source's I/O thread: for recording a raw
 * capture that replays exactly. The array is reused after the call returns.
 */
@FunctionalInterface
public interface ByteTap {
    void onBytes(byte[] data, int offset, int length);

    /** A tap that ignores the bytes. */
    ByteTap NONE = (data, offset, length) -> { };
}
