package io.spinewatch.dashboard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spinewatch.history.AngleStats;
import io.spinewatch.history.MinuteAggregate;
import io.spinewatch.live.Angle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The day chart's angle lines. */
class DayChartTest {
    static final long NINE = java.time.LocalDate.of(2026, 3, 10).atTime(9, 0).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
    static final long FIVE_MIN = 5 * 60_000;

    static MinuteAggregate minute(long minuteMs, double meanDeg, double measuredSeconds) {
        return new MinuteAggregate("ann", minuteMs, Map.of("upright", 60.0),
                Map.of(Angle.TRUNK_LEAN, new AngleStats(meanDeg, meanDeg, meanDeg, measuredSeconds)));
    }

    @Test
    void aBinWeighsEachMinuteByTheSecondsItMeasured() {
        // 09:00 a whole minute at 10 deg, 09:01 only 6 s at 40 deg: the bin is (600 + 240) / 66, not 25.
        List<double[]> points = DayChart.binnedMeans(List.of(minute(NINE, 10, 60), minute(NINE + 60_000, 40, 6),
                minute(NINE + FIVE_MIN, 7, 0), minute(NINE + FIVE_MIN + 60_000, 9, 0)), Angle.TRUNK_LEAN, NINE, FIVE_MIN);
        assertEquals(2, points.size());
        assertEquals(NINE + FIVE_MIN / 2.0, points.get(0)[0]);
        assertEquals((10 * 60 + 40 * 6) / 66.0, points.get(0)[1], 1e-9);
        assertEquals(8, points.get(1)[1], 1e-9, "minutes that measured 0 s: the plain mean");
    }

    @Test
    void minuteBinsKeepEachMinutesMean() {
        List<double[]> points = DayChart.binnedMeans(List.of(minute(NINE, 10, 60), minute(NINE + 60_000, 40, 6)),
                Angle.TRUNK_LEAN, NINE, 60_000);
        assertEquals(List.of(10.0, 40.0), points.stream().map(p -> p[1]).toList());
        assertEquals(0, DayChart.binnedMeans(List.of(minute(NINE, 10, 60)), Angle.PELVIC_TILT, NINE, 60_000).size());
    }
}
