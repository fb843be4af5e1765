package io.spinewatch.latency;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts values (microseconds) in fixed log-linear buckets, in the manner of HdrHistogram but much smaller: values
 * below {@value #SUB_BUCKETS} have a bucket each, and every further power of two is split into
 * {@value #SUB_BUCKETS} / 2 equal buckets, so a reported percentile is within 1/{@value #HALF} (3.2 %) of the true
 * value up to about 2^{@value #MAX_EXPONENT} us (about 1.2 hours); larger values land in the last bucket.
 *
 * <p>Recording allocates nothing and is safe from several threads at once (one atomic add). Reading while others
 * record gives a consistent-enough view for status lines: each count is read once.
 */
public final class LatencyHistogram {
    static final int SUB_BUCKETS = 64;
    static final int HALF = SUB_BUCKETS / 2;
    static final int MAX_EXPONENT = 32;
    /** Buckets: the linear first {@value #SUB_BUCKETS}, then {@value #HALF} per power of two above. */
    static final int BUCKETS = SUB_BUCKETS + (MAX_EXPONENT - 6) * HALF;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Counts one value; negative values (clocks a little apart) count as 0. */
    public void record(long micros) {
        counts.getAndIncrement(bucket(Math.max(0, micros)));
    }

    static int bucket(long v) {
        if (v < SUB_BUCKETS) return (int) v;
        int exponent = 63 - Long.numberOfLeadingZeros(v); // 6.. for v >= 64
        if (exponent >= MAX_EXPONENT) return BUCKETS - 1;
        int sub = (int) (v >>> (exponent - 5)) - HALF; // the 5 bits below the leading one: 0..31
        return SUB_BUCKETS + (exponent - 6) * HALF + sub;
    }

    /** The largest value that falls in bucket {@code b}. */
    static long upperBound(int b) {
        if (b < SUB_BUCKETS) return b;
        int exponent = (b - SUB_BUCKETS) / HALF + 6;
        int sub = (b - SUB_BUCKETS) % HALF;
        long lowest = (long) (HALF + sub) << (exponent - 5);
        return lowest + (1L << (exponent - 5)) - 1;
    }

    /** A copy of the counts now, to compute percentiles from or to subtract from a later one. */
    public Snapshot snapshot() {
        long[] c = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) c[i] = counts.get(i);
        return new Snapshot(c);
    }

    /** Counts at one instant. */
    public static final class Snapshot {
        private final long[] counts;
        private final long total;

        Snapshot(long[] counts) {
            this.counts = counts;
            long t = 0;
            for (long c : counts) t += c;
            this.total = t;
        }

        /** Values recorded. */
        public long count() {
            return total;
        }

        /**
         * The value at or below which {@code percent} of the values lie (the upper bound of the bucket holding that
         * rank); 0 when nothing was recorded.
         */
        public long percentile(double percent) {
            if (!(percent >= 0 && percent <= 100)) throw new IllegalArgumentException("percent must be in 0..100: " + percent);
            if (total == 0) return 0;
            long rank = Math.max(1, (long) Math.ceil(total * percent / 100));
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) return upperBound(i);
            }
            return upperBound(counts.length - 1);
        }

        /** The largest value recorded (to bucket resolution); 0 when none. */
        public long max() {
            for (int i = counts.length - 1; i >= 0; i--) {
                if (counts[i] > 0) return upperBound(i);
            }
            return 0;
        }

        /** What was recorded after {@code earlier} was taken. */
        public Snapshot minus(Snapshot earlier) {
            long[] c = new long[counts.length];
            for (int i = 0; i < c.length; i++) c[i] = counts[i] - earlier.counts[i];
            return new Snapshot(c);
        }
    }
}
