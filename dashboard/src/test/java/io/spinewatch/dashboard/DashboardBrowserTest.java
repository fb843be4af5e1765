package io.spinewatch.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spinewatch.live.Angle;
import io.spinewatch.live.LiveBus;
import io.spinewatch.live.SensorHealth;
import io.spinewatch.protocol.SensorSlot;
import java.util.OptionalDouble;
import io.spinewatch.live.WearerSnapshot;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;

/**
 * The pages in Debian's headless Chromium, against the real server and bus. Screenshots go to
 * {@code target/screenshots/}.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
    final LiveBus bus = new LiveBus();
    final RecordingControl control = new RecordingControl(bus);
    DashboardServer server;
    HeadlessChromium chromium;
    ChromeDriver driver;

    @BeforeAll
    void startBrowser() throws IOException {
        HeadlessChromium.assumeInstalled();
        server = DashboardServer.start(DashboardConfig.defaults().withListen("127.0.0.1", 0, Optional.empty()),
                bus, control, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        chromium = HeadlessChromium.start();
        driver = chromium.driver;
    }

    @AfterAll
    void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    <T> T waitUntil(Function<WebDriver, T> condition) {
        return chromium.waitUntil(Duration.ofSeconds(15), condition);
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** A minute of pipeline time drifting from upright into a slouch, published as the pipeline would. */
    void publishHistory(String id, String name, double fromSeconds, double toSeconds) throws InterruptedException {
        for (double t = fromSeconds; t <= toSeconds; t += 1) {
            double slouch = Math.max(0, Math.min(1, (t - fromSeconds - 20) / 25.0));
            double wobble = Math.sin(t / 3.0) * 1.5;
            WearerSnapshot base = Snapshots.upright(id, name, t);
            bus.publish(base.toBuilder().tSeconds(t)
                    .angleDeg(Angle.LUMBAR_FLEXION, 3 + 22 * slouch + wobble)
                    .angleDeg(Angle.THORACIC_FLEXION, 4 + 15 * slouch + wobble * 0.6)
                    .angleDeg(Angle.PELVIC_TILT, -1.5 + 18 * slouch + wobble * 0.4)
                    .angleDeg(Angle.TRUNK_LEAN, 2 + 8 * slouch)
                    .build());
            Thread.sleep(25);
        }
    }

    @Nested
    class WearerPage {
        @Test
        void goingFromUprightToSlouchedChangesReadoutDrawingAndAlerts() throws Exception {
            size(1366, 1250);
            bus.publish(Snapshots.upright("ann", "Ann Example", 1000));
            driver.get(url("/w/ann"));
            waitUntil(d -> text("state").equals("Upright"));
            String lumbarUpright = driver.findElement(By.id("seg-lumbar")).getAttribute("transform");
            String pelvisUpright = driver.findElement(By.id("seg-pelvis")).getAttribute("transform");
            assertEquals("+3.2°", driver.findElement(By.cssSelector("#angle-lumbar_flexion_deg .value")).getText());
            assertEquals(1, driver.findElements(By.cssSelector("#alerts li")).size());

            publishHistory("ann", "Ann Example", 1000, 1090);
            bus.publish(Snapshots.slouched("ann", "Ann Example", 1091));
            waitUntil(d -> text("state").equals("Slouched"));
            assertEquals("+24.6°", driver.findElement(By.cssSelector("#angle-lumbar_flexion_deg .value")).getText());
            assertEquals("rotate(24.6 110 190)", driver.findElement(By.id("seg-lumbar")).getAttribute("transform"));
            assertNotEquals(lumbarUpright, driver.findElement(By.id("seg-lumbar")).getAttribute("transform"));
            assertNotEquals(pelvisUpright, driver.findElement(By.id("seg-pelvis")).getAttribute("transform"));
            assertTrue(driver.findElement(By.id("angle-lumbar_flexion_deg")).getAttribute("class").contains("over"));
            List<WebElement> alerts = waitUntil(d -> {
                List<WebElement> li = d.findElements(By.cssSelector("#alerts li"));
                return li.size() == 2 ? li : null;
            });
            assertTrue(alerts.get(0).getText().contains("slouched 30 s (lumbar_flexion)"), alerts.get(0).getText());
            assertEquals("Slouched", driver.findElement(By.id("state")).getText(), "state shown as text, not colour only");
            Thread.sleep(600); // let the charts draw their last batch
            screenshot("wearer-slouched");
            size(390, 2400);
            Thread.sleep(400);
            screenshot("wearer-phone");
            size(1366, 1000);
        }

        @Test
        void calibrateAndDrillButtonsReachTheControl() throws Exception {
            bus.publish(Snapshots.slouched("bo", "Bo Example", 500));
            driver.get(url("/w/bo"));
            waitUntil(d -> text("state").equals("Slouched"));
            driver.findElement(By.id("calibrate")).click();
            waitUntil(d -> control.calls.contains("recalibrate bo"));

            WebElement card = driver.findElement(By.id("drill"));
            assertTrue(card.isDisplayed());
            assertEquals("Pelvic tilts", text("drill-name"));
            assertEquals("2", text("reps-done"));
            bus.publish(Snapshots.slouched("bo", "Bo Example", 501).toBuilder()
                    .drill(Optional.of(Snapshots.PELVIC_TILTS.withRepsDone(5))).build());
            waitUntil(d -> text("reps-done").equals("5"));
            driver.findElement(By.id("drill-done")).click();
            waitUntil(d -> control.calls.contains("done bo pelvic_tilts"));

            driver.navigate().refresh();
            waitUntil(d -> text("reps-done").equals("5"));
            driver.findElement(By.id("drill-skip")).click();
            waitUntil(d -> control.calls.contains("skip bo pelvic_tilts"));

            bus.publish(Snapshots.upright("bo", "Bo Example", 502));
            waitUntil(d -> !d.findElement(By.id("drill")).isDisplayed());
        }
    }

    @Nested
    class Overview {
        @Test
        void showsTwoHundredWearersSortableAndLive() throws Exception {
            String[] states = {"upright", "upright", "upright", "slouched", "leaning", "standing", "walking", "no_signal", "calibrating", "upright"};
            String[] first = {"Ada", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea", "Max", "Noor", "Oli", "Pia", "Quinn", "Rui", "Sam", "Tess"};
            for (int i = 0; i < 200; i++) {
                String state = states[(i * 7) % states.length];
                WearerSnapshot s = Snapshots.upright("p" + i, first[i % 20] + " " + (char) ('A' + i / 20) + ".", 3600).toBuilder()
                        .state(state, 5 + i * 3).slouchedSecondsToday((i * 37) % 2400).alertsToday(i % 5)
                        .drill(i % 23 == 0 ? Optional.of(Snapshots.PELVIC_TILTS) : Optional.empty())
                        .sensor(SensorSlot.MID, new SensorHealth(i % 31 == 5 ? 0 : 50, 0, OptionalDouble.empty(), i % 31 == 5))
                        .build();
                bus.publish(s);
            }
            size(1366, 1000);
            driver.get(url("/"));
            waitUntil(d -> d.findElements(By.cssSelector("#tiles .tile[data-id^='p']")).size() == 200);
            assertTrue(text("count").equals(String.valueOf(bus.latestAll().size())));

            new Select(driver.findElement(By.id("sort"))).selectByValue("state");
            waitUntil(d -> "slouched".equals(d.findElement(By.cssSelector("#tiles .tile")).getAttribute("data-state")));
            new Select(driver.findElement(By.id("sort"))).selectByValue("slouched");
            waitUntil(d -> d.findElement(By.cssSelector("#tiles .tile")).getText().contains("40 min slouched"));

            assertEquals(7, driver.findElements(By.cssSelector(".tile .flag-silent")).stream().filter(WebElement::isDisplayed).count());
            bus.publish(Snapshots.slouched("p1", "Ben A.", 3700));
            WebElement p1 = driver.findElement(By.cssSelector(".tile[data-id='p1']"));
            waitUntil(d -> "slouched".equals(p1.getAttribute("data-state")));
            assertTrue(p1.getText().contains("Slouched"));
            new Select(driver.findElement(By.id("sort"))).selectByValue("state");
            Thread.sleep(1200);
            screenshot("overview");
            size(390, 900);
            Thread.sleep(300);
            screenshot("overview-phone");
            size(1366, 1000);
        }
    }

    @Nested
    class Offline {
        @Test
        void everyScriptAndStylesheetComesFromTheServer() {
            bus.publish(Snapshots.upright("ann", "Ann Example", 1000));
            driver.get(url("/w/ann"));
            waitUntil(d -> text("state").equals("Upright"));
            Object external = driver.executeScript("return performance.getEntriesByType('resource')"
                    + ".map(e => e.name).filter(n => !n.startsWith(location.origin)).length");
            assertEquals(0L, external);
            assertEquals(Boolean.TRUE, driver.executeScript("return typeof uPlot === 'function'"));
            assertEquals(4L, driver.executeScript("return document.querySelectorAll('.chart canvas').length"));
            assertEquals(3, driver.findElements(By.cssSelector("#sensors tr")).size());
            driver.get(url("/"));
            waitUntil(d -> !d.findElements(By.cssSelector(".tile[data-id='ann']")).isEmpty());
            List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                    .map(LogEntry::getMessage).toList();
            assertEquals(List.of(), problems, "the pages log no errors or warnings");
        }
    }
}
