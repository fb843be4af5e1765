package io.spinewatch.report;

import io.spinewatch.history.DbLocation;
import io.spinewatch.history.HistoryStore;
import io.spinewatch.history.WearerZone;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * A simulated office week stored in H2 and read back as a day's and a week's report figures: a full Wednesday and
 * shorter days around it. The figures' tests (here) and the page's tests (in the dashboard) read the same week.
 */
public final class SimulatedWeek {
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** A Wednesday: the week before it has Monday and Tuesday, the rest comes after. */
    public static final LocalDate DAY = LocalDate.of(2026, 3, 11);
    public static final String WEARER = "desk-07";
    /** Minutes of the simulated Wednesday, from 08:30. */
    public static final double DAY_MINUTES = 480;

    /** The full Wednesday. */
    public final SimulatedDay day;
    /** Seconds slouched over the whole week, by the simulator's truth. */
    public final double weekTruthSlouchedSeconds;
    /** The report figures of the Wednesday. */
    public final ReportData dayReport;
    /** The report figures of Monday 9 to Sunday 15 March. */
    public final ReportData weekReport;

    private SimulatedWeek(SimulatedDay day, double weekTruthSlouchedSeconds, ReportData dayReport, ReportData weekReport) {
        this.day = day;
        this.weekTruthSlouchedSeconds = weekTruthSlouchedSeconds;
        this.dayReport = dayReport;
        this.weekReport = weekReport;
    }

    public static long at(LocalDate d, int hour, int minute) {
        return d.atTime(hour, minute).atZone(ZONE).toInstant().toEpochMilli();
    }

    /** Simulates the week, stores it in a new H2 database at {@code db} and reads the figures back. */
    public static SimulatedWeek store(Path db) throws SQLException {
        SimulatedDay day = SimulatedDay.of(WEARER, at(DAY, 8, 30), DAY_MINUTES, 11);
        try (HistoryStore store = HistoryStore.open(DbLocation.h2(db))) {
            store.write(List.of(new WearerZone(WEARER, ZONE)));
            store.write(day.records());
            double weekTruth = day.truthSlouchedSeconds;
            // Shorter days around it, for the week's trend.
            SimulatedDay[] others = {SimulatedDay.of(WEARER, at(DAY.minusDays(2), 9, 0), 150, 21),
                    SimulatedDay.of(WEARER, at(DAY.minusDays(1), 13, 0), 90, 22),
                    SimulatedDay.of(WEARER, at(DAY.plusDays(1), 8, 0), 120, 23)};
            for (SimulatedDay o : others) {
                store.write(o.records());
                weekTruth += o.truthSlouchedSeconds;
            }
            return new SimulatedWeek(day, weekTruth, ReportData.fromStore(store, WEARER, DAY, DAY),
                    ReportData.fromStore(store, WEARER, DAY.minusDays(2), DAY.plusDays(4)));
        }
    }
}
