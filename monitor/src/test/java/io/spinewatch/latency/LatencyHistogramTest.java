package io.spinewatch.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Nested
    class Buckets {
        @Test
        void bucketsAreContiguousAndEachValueLiesInItsOwn() {
            long previousUpper = -1;
            for (int b = 0; b < LatencyHistogram.BUCKETS; b++) {
                long upper = LatencyHistogram.upperBound(b);
                assertTrue(upper > previousUpper, "bucket " + b + " must lie above the one before");
                assertEquals(b, LatencyHistogram.bucket(previousUpper + 1), "lowest value of bucket " + b);
                assertEquals(b, LatencyHistogram.bucket(upper), "highest value of bucket " + b);
                previousUpper = upper;
            }
        }

        @Test
        void aBucketIsNarrowerThanAThirtySecondOfItsValues() {
            for (int b = LatencyHistogram.SUB_BUCKETS; b < LatencyHistogram.BUCKETS; b++) {
                long lowest = LatencyHistogram.upperBound(b - 1) + 1;
                long width = LatencyHistogram.upperBound(b) - lowest + 1;
                assertTrue(width * 32 <= lowest, "bucket " + b + " from " + lowest + " is " + width + " wide");
            }
        }

        @Test
        void smallValuesAreExactAndHugeOnesLandInTheLastBucket() {
            for (long v = 0; v < LatencyHistogram.SUB_BUCKETS; v++) assertEquals(v, LatencyHistogram.upperBound(LatencyHistogram.bucket(v)));
            assertEquals(LatencyHistogram.BUCKETS - 1, LatencyHistogram.bucket(Long.MAX_VALUE));
            assertEquals(LatencyHistogram.BUCKETS - 1, LatencyHistogram.bucket(1L << 40));
        }
    }

    @Nested
    class Percentiles {
        @Test
        void matchTheExactPercentilesOfRandomValuesWithinTheBucketPrecision() {
            Random r = new Random(7);
            long[] values = new long[100_000];
            LatencyHistogram h = new LatencyHistogram();
            for (int i = 0; i < values.length; i++) {
                values[i] = (long) Math.exp(r.nextDouble() * Math.log(5_000_000)); // 1 us .. 5 s, log-uniform
                h.record(values[i]);
            }
            Arrays.sort(values);
            LatencyHistogram.Snapshot s = h.snapshot();
            assertEquals(values.length, s.count());
            for (double p : new double[] {1, 50, 90, 99, 99.9, 100}) {
                long exact = values[(int) Math.ceil(values.length * p / 100) - 1];
                long got = s.percentile(p);
                assertTrue(got >= exact && got <= exact + exact / 32 + 1, "p" + p + ": " + got + " vs exact " + exact);
            }
            assertEquals(s.percentile(100), s.max());
        }

        @Test
        void nothingRecordedReadsZeroAndNegativeValuesCountAsZero() {
            LatencyHistogram h = new LatencyHistogram();
            assertEquals(0, h.snapshot().percentile(99));
            assertEquals(0, h.snapshot().max());
            h.record(-250);
            assertEquals(1, h.snapshot().count());
            assertEquals(0, h.snapshot().max());
        }

        @Test
        void rejectsAPercentOutsideZeroToHundred() {
            assertThrows(IllegalArgumentException.class, () -> new LatencyHistogram().snapshot().percentile(101));
        }

        @Test
        void aDifferenceOfSnapshotsHoldsOnlyWhatCameBetween() {
            LatencyHistogram h = new LatencyHistogram();
            for (int i = 0; i < 100; i++) h.record(10);
            LatencyHistogram.Snapshot before = h.snapshot();
            for (int i = 0; i < 10; i++) h.record(50_000);
            LatencyHistogram.Snapshot between = h.snapshot().minus(before);
            assertEquals(10, between.count());
            assertTrue(between.percentile(1) >= 50_000, "only the later values: " + between.percentile(1));
        }
    }

    @Nested
    class Threads {
        @Test
        void concurrentRecordsAreAllCounted() throws InterruptedException {
            LatencyHistogram h = new LatencyHistogram();
            Thread[] ts = new Thread[4];
            for (int t = 0; t < ts.length; t++) {
                int seed = t;
                ts[t] = new Thread(() -> {
                    Random r = new Random(seed);
                    for (int i = 0; i < 50_000; i++) h.record(r.nextInt(1_000_000));
                });
                ts[t].start();
            }
            for (Thread t : ts) t.join();
            assertEquals(200_000, h.snapshot().count());
        }
    }
}
