package io.spinewatch.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.latency.LatencyHistogram;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PipelineMetricsTest {
    static final long SECOND_NANOS = 1_000_000_000L;

    /** 98 deliveries of 10 ms and 2 of 500 ms: the median is 10 ms, the 99th percentile 500 ms. */
    static void recordMostlyFast(LatencyHistogram h) {
        for (int i = 0; i < 98; i++) h.record(10_000);
        h.record(500_000);
        h.record(500_000);
    }

    @Nested
    class LatencyWindow {
        @Test
        void aScrapeReportsTheQuantilesInSecondsOfWhatWasRecordedSinceTheLastOne() {
            LatencyHistogram h = new LatencyHistogram();
            PipelineMetrics.Window w = new PipelineMetrics.Window(h);
            recordMostlyFast(h);
            assertEquals(0.010, w.quantileSeconds(0.5, 0), 0.010 * 0.032);
            assertEquals(0.500, w.quantileSeconds(0.99, 0), 0.500 * 0.032);

            h.record(2_000_000);
            long next = 15 * SECOND_NANOS;
            assertEquals(2.0, w.quantileSeconds(0.5, next), 2.0 * 0.032, "only the value recorded since");
            assertEquals(2.0, w.quantileSeconds(0.99, next + 1), 2.0 * 0.032);
        }

        @Test
        void gaugesReadWithinOneScrapeShareTheWindowAndAnEmptyWindowIsNaN() {
            LatencyHistogram h = new LatencyHistogram();
            PipelineMetrics.Window w = new PipelineMetrics.Window(h);
            assertTrue(Double.isNaN(w.quantileSeconds(0.5, 0)));
            recordMostlyFast(h);
            // Less than the minimum window later: still the first (empty) window.
            assertTrue(Double.isNaN(w.quantileSeconds(0.99, PipelineMetrics.MIN_WINDOW_NANOS - 1)));
            assertEquals(0.500, w.quantileSeconds(0.99, PipelineMetrics.MIN_WINDOW_NANOS), 0.500 * 0.032);
            assertTrue(Double.isNaN(w.quantileSeconds(0.5, 2 * PipelineMetrics.MIN_WINDOW_NANOS)), "nothing recorded since");
        }
    }
}
