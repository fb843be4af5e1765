package io.spinewatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static List<Long> delays(Backoff.Schedule s, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(s.nextDelayMillis());
        }
        return out;
    }

    @Nested
    class Growth {
        @Test
        void withoutJitterDelaysGrowGeometricallyUpToTheCap() {
            Backoff b = new Backoff(100, 1000, 2, 0);
            assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L), delays(b.schedule(1), 6));
        }

        @Test
        void resetStartsAgainFromTheInitialDelay() {
            Backoff.Schedule s = new Backoff(100, 1000, 3, 0).schedule(1);
            delays(s, 4);
            assertEquals(4, s.attempts());
            s.reset();
            assertEquals(100L, s.nextDelayMillis());
        }

        @Test
        void aHugeAttemptNumberStaysAtTheCap() {
            assertEquals(30_000, Backoff.DEFAULT.delayMillis(Integer.MAX_VALUE, new Random(1)), 30_000 * 0.2);
        }
    }

    @Nested
    class Jitter {
        @Test
        void delaysStayWithinTheJitterBandAndNeverExceedTheCap() {
            Backoff b = new Backoff(1000, 5000, 2, 0.25);
            Random r = new Random(3);
            for (int attempt = 0; attempt < 10; attempt++) {
                double base = Math.min(5000, 1000 * Math.pow(2, attempt));
                for (int i = 0; i < 200; i++) {
                    long d = b.delayMillis(attempt, r);
                    assertTrue(d >= Math.round(base * 0.75) && d <= Math.min(5000, Math.round(base * 1.25)),
                            "attempt " + attempt + ": " + d);
                }
            }
        }

        @Test
        void theSameSeedGivesTheSameDelaysAndAnotherSeedOthers() {
            assertEquals(delays(Backoff.DEFAULT.schedule(42), 8), delays(Backoff.DEFAULT.schedule(42), 8));
            assertNotEquals(delays(Backoff.DEFAULT.schedule(42), 8), delays(Backoff.DEFAULT.schedule(43), 8));
        }
    }

    @Nested
    class Validation {
        @Test
        void nonsensicalParametersAreRefused() {
            assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10, 2, 0));
            assertThrows(IllegalArgumentException.class, () -> new Backoff(100, 50, 2, 0));
            assertThrows(IllegalArgumentException.class, () -> new Backoff(100, 500, 0.5, 0));
            assertThrows(IllegalArgumentException.class, () -> new Backoff(100, 500, 2, 1.5));
            assertThrows(IllegalArgumentException.class, () -> new Backoff(100, 500, Double.NaN, 0));
            assertThrows(IllegalArgumentException.class, () -> Backoff.DEFAULT.delayMillis(-1, new Random()));
        }

        @Test
        void defaultsAreTheDocumentedOnes() {
            assertEquals(new Backoff(Backoff.DEFAULT_INITIAL_MILLIS, Backoff.DEFAULT_MAX_MILLIS,
                    Backoff.DEFAULT_MULTIPLIER, Backoff.DEFAULT_JITTER_FRACTION), Backoff.DEFAULT);
        }
    }
}
