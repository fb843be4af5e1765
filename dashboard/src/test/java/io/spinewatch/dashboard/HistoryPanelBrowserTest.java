package io.spinewatch.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spinewatch.history.DbLocation;
import io.spinewatch.history.HistoryStore;
import io.spinewatch.live.LiveBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The wearer page's history panel in Debian's headless Chromium, against the real server and an H2 history
 * seeded with {@link StoredHistoryTest#annsFortnight()}. Screenshots go to {@code target/screenshots/}.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryPanelBrowserTest {
    final LiveBus bus = new LiveBus();
    HeadlessChromium chromium;
    DashboardServer server;
    HistoryStore store;

    @BeforeAll
    void startBrowser() throws Exception {
        HeadlessChromium.assumeInstalled();
        chromium = HeadlessChromium.start();
    }

    @AfterAll
    void stopBrowser() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    void start(Optional<HistoryStore> history) {
        server = DashboardServer.start(DashboardConfig.defaults().withListen("127.0.0.1", 0, Optional.empty()),
                bus, new RecordingControl(bus), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), history,
                StoredHistoryTest.NOW, StoredHistory.DEFAULT_CACHE_SECONDS);
    }

    String text(String id) {
        return chromium.driver.findElement(By.id(id)).getText();
    }

    @Test
    void showsTodaysFiguresAndTheLastSevenDaysOfTheSeededWearer(@TempDir Path dir) throws Exception {
        store = HistoryStore.open(DbLocation.h2(dir.resolve("history")));
        store.write(StoredHistoryTest.annsFortnight());
        start(Optional.of(store));
        bus.publish(Snapshots.upright("ann", "Ann Example", 1000));
        chromium.driver.manage().window().setSize(new Dimension(1366, 1800));
        chromium.driver.get("http://127.0.0.1:" + server.port() + "/w/ann");
        chromium.waitUntil(Duration.ofSeconds(15), d -> d.findElement(By.id("history-body")).isDisplayed());

        assertEquals("3 h 10 min", text("hist-monitored"));
        assertEquals("47 min", text("hist-slouched"));
        assertEquals("28 %", text("hist-share"));
        assertEquals("25 min", text("hist-longest"));
        assertEquals("3, 1", text("hist-alerts"));
        assertEquals("2, 18", text("hist-drills"));
        assertFalse(chromium.driver.findElement(By.id("history-note")).isDisplayed());
        assertTrue(text("history-zone").contains("America/New_York"));

        List<WebElement> rows = chromium.driver.findElements(By.cssSelector("#hist-days tr"));
        assertEquals(7, rows.size());
        assertEquals("Today 3 h 10 min 47 min 28 % 3 (1 held) 2 · 18 reps", rows.get(0).getText());
        assertEquals("Wed 25 3 h 40 min 40 min 18 % 2 1 · 6 reps", rows.get(1).getText(), "the 23:50 slouch and 23:55 alert");
        assertEquals("Fri 20 1 h 00 min 30 min 50 % 0 0", rows.get(6).getText());

        // Two bars a day; today's slouched bar is taller than Monday's (47 vs 20 min), Tuesday has none.
        assertEquals(14, chromium.driver.findElements(By.cssSelector("#hist-chart rect")).size());
        double today = height("bar-slouched", "2026-11-26");
        double monday = height("bar-slouched", "2026-11-23");
        assertEquals(47 / 20.0, today / monday, 0.02);
        assertEquals(0, height("bar-slouched", "2026-11-24"));
        assertTrue(text("hist-weeks").startsWith("This week so far: 1 h 47 min slouched, 23 % of seated time"), text("hist-weeks"));
        assertTrue(text("hist-weeks").contains("Last week: 2 h 20 min slouched, 36 % of seated time"), text("hist-weeks"));

        chromium.screenshot("wearer-history");
        WebElement card = chromium.driver.findElement(By.id("history"));
        Files.write(HeadlessChromium.SCREENSHOTS.resolve("history-panel.png"), card.getScreenshotAs(OutputType.BYTES));
        chromium.driver.manage().window().setSize(new Dimension(390, 1000));
        Thread.sleep(300); // let the layout settle at the new width
        Files.write(HeadlessChromium.SCREENSHOTS.resolve("history-panel-phone.png"),
                chromium.driver.findElement(By.id("history")).getScreenshotAs(OutputType.BYTES));
        List<String> problems = chromium.driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
        assertEquals(List.of(), problems, "the page logs no errors or warnings");
    }

    double height(String cls, String day) {
        return Double.parseDouble(chromium.driver.findElement(By.cssSelector("#hist-chart rect." + cls + "[data-day='" + day + "']"))
                .getAttribute("height"));
    }

    @Test
    void saysHistoryIsOffWithoutAStore() throws Exception {
        start(Optional.empty());
        bus.publish(Snapshots.upright("ann", "Ann Example", 1000));
        chromium.driver.get("http://127.0.0.1:" + server.port() + "/w/ann");
        chromium.waitUntil(Duration.ofSeconds(15), d -> text("history-note").startsWith("History is off"));
        assertFalse(chromium.driver.findElement(By.id("history-body")).isDisplayed());
        assertTrue(text("history-note").contains("without a history database"), text("history-note"));
    }
}
