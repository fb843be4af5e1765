package io.spinewatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.history.DbLocation;
import io.spinewatch.history.HistoryStore;
import io.spinewatch.history.WearerZone;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A report rendered from simulated office days stored in H2, checked against the simulator's truth. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlReportTest {
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** A Wednesday: the week before it has Monday and Tuesday, the rest comes after. */
    static final LocalDate DAY = LocalDate.of(2026, 3, 11);
    static final Path OUT = Path.of("target", "report-screenshots");
    static final String WEARER = "desk-07";

    @TempDir
    static Path dir;
    SimulatedDay day;
    /** Seconds slouched over the whole week, by the simulator's truth. */
    double weekTruthSlouchedSeconds;
    ReportData data;
    ReportData week;
    String html;

    static long at(LocalDate d, int hour, int minute) {
        return d.atTime(hour, minute).atZone(ZONE).toInstant().toEpochMilli();
    }

    @BeforeAll
    void simulateAndRender() throws SQLException, IOException {
        day = SimulatedDay.of(WEARER, at(DAY, 8, 30), 480, 11);
        try (HistoryStore store = HistoryStore.open(DbLocation.h2(dir.resolve("history")))) {
            store.write(List.of(new WearerZone(WEARER, ZONE)));
            store.write(day.records());
            weekTruthSlouchedSeconds = day.truthSlouchedSeconds;
            // Shorter days around it, for the week's trend.
            SimulatedDay[] others = {SimulatedDay.of(WEARER, at(DAY.minusDays(2), 9, 0), 150, 21),
                    SimulatedDay.of(WEARER, at(DAY.minusDays(1), 13, 0), 90, 22),
                    SimulatedDay.of(WEARER, at(DAY.plusDays(1), 8, 0), 120, 23)};
            for (SimulatedDay o : others) {
                store.write(o.records());
                weekTruthSlouchedSeconds += o.truthSlouchedSeconds;
            }
            data = ReportData.fromStore(store, WEARER, DAY, DAY);
            week = ReportData.fromStore(store, WEARER, DAY.minusDays(2), DAY.plusDays(4));
        }
        html = HtmlReport.render(data, "test");
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("day.html"), html);
        HtmlReport.write(week, "test", OUT.resolve("week.html"));
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Nested
    class Figures {
        @Test
        void slouchedMinutesMatchTheSimulatorsTruthWithinOnePercent() {
            double truth = day.truthSlouchedSeconds / 60;
            assertTrue(truth > 10, "the simulated day should slouch a while: " + truth);
            assertEquals(truth, data.slouchedMinutes(), truth * 0.01);
            assertTrue(html.contains("<div class=\"tl\">Slouched</div><div class=\"tv\">" + Svg.duration(truth) + "</div>"),
                    "the Slouched tile shows " + Svg.duration(truth));
            DaySummary wednesday = data.trend().get(2);
            assertEquals(DAY, wednesday.day());
            assertEquals(truth, wednesday.slouchedMinutes(), truth * 0.01);
        }

        @Test
        void aWeeksSlouchedMinutesMatchTheTruthOfAllItsDays() {
            double truth = weekTruthSlouchedSeconds / 60;
            assertEquals(truth, week.slouchedMinutes(), truth * 0.01);
            assertEquals(7, week.trend().size());
            assertTrue(HtmlReport.render(week, "test").contains("Week 11, 9 Mar – 15 Mar 2026"));
        }

        @Test
        void trackedTimeIsTheWholeSimulatedDay() {
            assertEquals(480, data.trackedMinutes(), 480 * 0.01);
        }

        @Test
        void everySlouchIsShadedAndEveryAlertMarked() {
            long slouches = day.episodes.stream().filter(e -> e.state().equals("slouched")).count();
            String chart = html.substring(html.indexOf("<h2>The day</h2>"), html.indexOf("<div class=\"legend\">"));
            assertEquals(slouches, count(chart, "fill=\"" + Svg.SLOUCH_SHADE + "\""));
            assertEquals(day.alerts.size(), data.alerts().size());
            assertTrue(day.alerts.size() > 3, "the policy should alert several times: " + day.alerts.size());
            assertEquals(day.alerts.size(), count(chart, "<g><title>") - day.drills.size());
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
            assertEquals(day.drills.size(), data.drills().size());
        }
    }

    @Nested
    class SelfContained {
        @Test
        void fetchesNothingAndRunsNoScript() {
            String withoutNamespaces = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
            assertFalse(withoutNamespaces.contains("http:") || withoutNamespaces.contains("https:"), "no URLs");
            assertFalse(html.contains("<script") || html.contains("<link") || html.contains("src="), "no external parts");
        }

        @Test
        void escapesWhatItQuotes() {
            ReportData d = ReportData.of("<b>&amp;", ZONE, DAY, DAY, List.of(), List.of(), List.of(), List.of());
            String page = HtmlReport.render(d, "x");
            assertFalse(page.contains("<b>&amp;"));
            assertTrue(page.contains("&lt;b&gt;&amp;amp;"));
        }

        @Test
        void anEmptyDayStillRenders() {
            ReportData d = ReportData.of("nobody", ZONE, DAY, DAY, List.of(), List.of(), List.of(), List.of());
            String page = HtmlReport.render(d, "x");
            assertTrue(page.contains("No drills recorded.") && page.contains("No alerts fell due."));
            assertEquals(7, count(page, "no data</td>"));
        }
    }

    @Nested
    @Tag("integration")
    class InABrowser {
        @Test
        void chromiumRendersTheDayAndTheWeekToScreenshots() throws IOException, InterruptedException {
            for (String name : new String[] {"day", "week"}) {
                Chromium.screenshot(OUT.resolve(name + ".html"), OUT.resolve(name + ".png"), dir);
            }
        }
    }
}
