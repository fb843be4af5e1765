package io.spinewatch.dashboard.report;

import static io.spinewatch.report.SimulatedWeek.DAY;
import static io.spinewatch.report.SimulatedWeek.ZONE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.report.ReportData;
import io.spinewatch.report.SimulatedDay;
import io.spinewatch.report.SimulatedWeek;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report page rendered from simulated office days stored in H2, checked against the simulator's truth. The
 * figures themselves are checked in the monitor (io.spinewatch.report.ReportDataTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlReportTest {
    static final Path OUT = Path.of("target", "report-screenshots");

    @TempDir
    static Path dir;
    SimulatedWeek week;
    SimulatedDay day;
    String html;

    @BeforeAll
    void simulateAndRender() throws SQLException, IOException {
        week = SimulatedWeek.store(dir.resolve("history"));
        day = week.day;
        html = HtmlReport.render(week.dayReport, "test");
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("day.html"), html);
        HtmlReport.write(week.weekReport, "test", OUT.resolve("week.html"));
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
        void theSlouchedTileShowsTheSimulatorsTruth() {
            double truth = day.truthSlouchedSeconds / 60;
            assertTrue(html.contains("<div class=\"tl\">Slouched</div><div class=\"tv\">" + Svg.duration(truth) + "</div>"),
                    "the Slouched tile shows " + Svg.duration(truth));
        }

        @Test
        void aWeeksPageNamesItsIsoWeek() {
            assertTrue(HtmlReport.render(week.weekReport, "test").contains("Week 11, 9 Mar – 15 Mar 2026"));
        }

        @Test
        void everySlouchIsShadedAndEveryAlertMarked() {
            long slouches = day.episodes.stream().filter(e -> e.state().equals("slouched")).count();
            String chart = html.substring(html.indexOf("<h2>The day</h2>"), html.indexOf("<div class=\"legend\">"));
            assertEquals(slouches, count(chart, "fill=\"" + Svg.SLOUCH_SHADE + "\""));
            assertTrue(day.alerts.size() > 3, "the policy should alert several times: " + day.alerts.size());
            assertEquals(day.alerts.size(), count(chart, "<g><title>") - day.drills.size());
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
