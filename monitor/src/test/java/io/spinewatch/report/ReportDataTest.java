package io.spinewatch.report;

import static io.spinewatch.report.SimulatedWeek.DAY;
import static io.spinewatch.report.SimulatedWeek.DAY_MINUTES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report's figures from simulated office days stored in H2, checked against the simulator's truth. The page that
 * shows them is checked in the dashboard module (io.spinewatch.dashboard.report.HtmlReportTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportDataTest {
    @TempDir
    static Path dir;
    SimulatedWeek week;
    ReportData data;

    @BeforeAll
    void simulate() throws SQLException {
        week = SimulatedWeek.store(dir.resolve("history"));
        data = week.dayReport;
    }

    @Test
    void slouchedMinutesMatchTheSimulatorsTruthWithinOnePercent() {
        double truth = week.day.truthSlouchedSeconds / 60;
        assertTrue(truth > 10, "the simulated day should slouch a while: " + truth);
        assertEquals(truth, data.slouchedMinutes(), truth * 0.01);
        DaySummary wednesday = data.trend().get(2);
        assertEquals(DAY, wednesday.day());
        assertEquals(truth, wednesday.slouchedMinutes(), truth * 0.01);
    }

    @Test
    void aWeeksSlouchedMinutesMatchTheTruthOfAllItsDays() {
        double truth = week.weekTruthSlouchedSeconds / 60;
        assertEquals(truth, week.weekReport.slouchedMinutes(), truth * 0.01);
        assertEquals(7, week.weekReport.trend().size());
    }

    @Test
    void trackedTimeIsTheWholeSimulatedDay() {
        assertEquals(DAY_MINUTES, data.trackedMinutes(), DAY_MINUTES * 0.01);
    }

    @Test
    void everyAlertIsThere() {
        assertEquals(week.day.alerts.size(), data.alerts().size());
        assertTrue(week.day.alerts.size() > 3, "the policy should alert several times: " + week.day.alerts.size());
    }

    @Test
    void theWeekRunsMondayToSundayWithTheSimulatedDaysOnly() {
        assertEquals(7, data.trend().size());
        assertEquals(DAY.minusDays(2), data.trend().get(0).day());
        for (int i = 0; i < 7; i++) {
            boolean simulated = i <= 3;
            assertEquals(simulated, data.trend().get(i).trackedMinutes() > 0, "day " + i);
        }
        assertEquals(150, data.trend().get(0).trackedMinutes(), 1.5);
        assertEquals(week.day.drills.size(), data.drills().size());
    }
}
