package io.spinewatch.protocol;

/**
 * Remembers the next expected sequence number of each (device, slot) stream and reports how many
 * samples a gap lost. Fixed-size open-addressing table: no allocation after construction.
 *
 * <p>Sequence numbers are 32-bit and wrap. A forward jump of less than 2^31 is loss; a backward
 * jump (device reset, reordering, duplicates) and a batch flagged stream-start are not, they just
 * restart tracking. When the table is full the oldest-probed entry is replaced; its stream's next
 * gap then goes uncounted, which is the price of bounded memory.
 */
final class SequenceTracker {
    /** Streams tracked at once: 85 three-sensor wearables per decoder is far beyond one serial port or topic. */
    static final int CAPACITY = 256;
    private static final int MAX_PROBES = 8;
    private static final long SEQ_MASK = 0xFFFF_FFFFL;
    private static final long HALF_RANGE = 1L << 31;

    /** Stream key + 1, so 0 marks a free entry. */
    private final long[] keys = new long[CAPACITY];
    private final long[] expectedSeq = new long[CAPACITY];

    /** Records a batch of {@code count} samples from {@code firstSeq}; returns samples lost just before it. */
    long update(long deviceId, int slotCode, long firstSeq, int count, boolean streamStart) {
        long key = ((deviceId << 2) | slotCode) + 1;
        int home = (int) (mix(key) & (CAPACITY - 1));
        int entry = -1;
        boolean known = false;
        for (int i = 0; i < MAX_PROBES; i++) {
            int e = (home + i) & (CAPACITY - 1);
            if (keys[e] == key) {
                entry = e;
                known = true;
                break;
            }
            if (keys[e] == 0) {
                entry = e;
                break;
            }
        }
        if (entry < 0) {
            entry = home;
        }
        long lost = 0;
        if (known && !streamStart) {
            long gap = (firstSeq - expectedSeq[entry]) & SEQ_MASK;
            if (gap < HALF_RANGE) {
                lost = gap;
            }
        }
        keys[entry] = key;
        expectedSeq[entry] = (firstSeq + count) & SEQ_MASK;
        return lost;
    }

    /** Forgets every stream. */
    void clear() {
        java.util.Arrays.fill(keys, 0);
    }

    private static long mix(long k) {
        k *= 0x9E37_79B9_7F4A_7C15L;
        return k ^ (k >>> 29);
    }
}
