package io.spinewatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spinewatch.history.AngleStats;
import io.spinewatch.history.MinuteAggregate;
import io.spinewatch.live.Angle;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report model built from records in memory. */
class ReportDataFromRecordsTest {
    static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    static final long NINE = DAY.atTime(9, 0).toInstant(ZoneOffset.UTC).toEpochMilli();

    static MinuteAggregate part(long minuteMs, String state, double seconds, double meanDeg) {
        return new MinuteAggregate("ann", minuteMs, Map.of(state, seconds),
                Map.of(Angle.LUMBAR_FLEXION, new AngleStats(meanDeg, meanDeg, meanDeg, seconds)));
    }

    @Test
    void aMinuteHandedInTwoPartsIsOneMinute() {
        List<MinuteAggregate> minutes = List.of(part(NINE + 60_000, "upright", 60, 1), part(NINE, "slouched", 10, 30),
                part(NINE, "upright", 50, 6));
        ReportData d = ReportData.of("ann", ZoneOffset.UTC, DAY, DAY, List.of(), List.of(), List.of(), minutes);
        assertEquals(List.of(NINE, NINE + 60_000), d.minutes().stream().map(MinuteAggregate::minuteStartMillis).toList());
        MinuteAggregate m = d.minutes().get(0);
        assertEquals(10, m.seconds("slouched"), 1e-9);
        assertEquals(50, m.seconds("upright"), 1e-9);
        assertEquals((30 * 10 + 6 * 50) / 60.0, m.angles().get(Angle.LUMBAR_FLEXION).meanDeg(), 1e-9,
                "one point, weighted by the seconds of each part");
    }
}
