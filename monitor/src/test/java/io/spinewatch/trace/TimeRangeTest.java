package io.spinewatch.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

    @Nested
    class Parse {
        @Test
        void readsWhatTheWriterWrites() {
            assertEquals(new TimeRange(0, 12), TimeRange.parse("0-12"));
            assertEquals(new TimeRange(2.5, 14.25), TimeRange.parse(" 2.5 - 14.25 "));
            TimeRange r = new TimeRange(1.000001, 3600.5);
            assertEquals(r, TimeRange.parse(r.format()));
        }

        @Test
        void givesNullForAnythingElse() {
            for (String s : new String[] {"", "12", "a-b", "5-2", "1-2-3", "-", "1-", "NaN-1"}) {
                assertNull(TimeRange.parse(s), s);
            }
        }

        @Test
        void refusesAnEmptyOrReversedRange() {
            assertThrows(IllegalArgumentException.class, () -> new TimeRange(3, 2));
            assertThrows(IllegalArgumentException.class, () -> new TimeRange(Double.NaN, 2));
        }
    }
}
