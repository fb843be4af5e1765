package io.spinewatch.hub;

import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SampleListener;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed ring of preallocated {@link ImuSample}s between one producer (a source's I/O thread) and one consumer
 * (the wearer's thread): the producer copies the reused sample into the next free slot, the consumer hands slots
 * to the pipeline. No allocation after construction, no lock; when full, the new sample is dropped and counted
 * (the pipeline is far behind, and the newest data waits less by being the one lost).
 */
public final class SampleRing {
    private final ImuSample[] slots;
    private final int mask;
    /** Next slot to write; only the producer advances it. */
    private final AtomicLong head = new AtomicLong();
    /** Next slot to read; only the consumer advances it. */
    private final AtomicLong tail = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /** @param capacity slots, a power of two in 2..65536 */
    public SampleRing(int capacity) {
        if (capacity < 2 || capacity > 65536 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two in 2..65536: " + capacity);
        }
        slots = new ImuSample[capacity];
        for (int i = 0; i < capacity; i++) slots[i] = new ImuSample();
        mask = capacity - 1;
    }

    /** Copies {@code s} in; false (and counted) when full. Producer thread only. */
    public boolean offer(ImuSample s) {
        long h = head.get();
        if (h - tail.get() >= slots.length) {
            dropped.incrementAndGet();
            return false;
        }
        slots[(int) (h & mask)].copyFrom(s);
        head.lazySet(h + 1); // publishes the copy to the consumer
        return true;
    }

    /** Hands every sample present to {@code to}, oldest first; returns how many. Consumer thread only. */
    public int drainTo(SampleListener to) {
        long t = tail.get();
        long h = head.get();
        for (long i = t; i < h; i++) {
            to.onSample(slots[(int) (i & mask)]);
            tail.lazySet(i + 1);
        }
        return (int) (h - t);
    }

    public boolean isEmpty() {
        return head.get() == tail.get();
    }

    /** Samples dropped because the ring was full. */
    public long dropped() {
        return dropped.get();
    }

    public int capacity() {
        return slots.length;
    }
}
