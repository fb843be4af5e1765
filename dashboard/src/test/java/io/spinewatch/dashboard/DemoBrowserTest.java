package io.spinewatch.dashboard;

import io.spinewatch.sim.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spinewatch.demo.Demo;
import io.spinewatch.live.LiveBus;
import io.spinewatch.live.LiveEvent;
import io.spinewatch.pipeline.LiveControls;
import io.spinewatch.sim.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The whole demo in headless Chromium: one simulated wearer on the built-in {@code demo} scenario, through native
 * frames, the decoder and the posture pipeline, shown by the real dashboard; the page's buttons act on the pipeline.
 * Screenshots go to {@code target/screenshots/demo-*.png}.
 */
@Tag("integration")
class DemoBrowserTest {
    /**
     * Simulated seconds per wall second. The scenario leaves about 45 simulated seconds between the slouch alert and
     * the wearer's own pelvic tilts, which end the card; at 10x that is several wall seconds for the click, even on a
     * busy box.
     */
    static final double SPEED = 10;
    /** Generous: each phase takes a few wall seconds at {@link #SPEED}, the rest is margin for a loaded machine. */
    static final Duration PHASE = Duration.ofSeconds(60);
    static final String WEARER = Demo.wearerId(1);
    static final Pattern DEG = Pattern.compile("([+−-]?\\d+(?:\\.\\d+)?)°");

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final LiveBus bus = new LiveBus();
    final LiveControls controls = new LiveControls();
    /** Every discrete event the pipeline published, as the service saw it. */
    final Queue<LiveEvent> events = new ConcurrentLinkedQueue<>();
    HeadlessChromium chromium;
    ChromeDriver driver;

    @Test
    void slouchDrillAndRecalibrationShowInThePageAndThePageActsOnThePipeline() throws Exception {
        HeadlessChromium.assumeInstalled();
        try (LiveBus.Subscription sub = bus.subscribe(e -> {
                    if (!(e instanceof LiveEvent.Snapshot)) events.add(e);
                });
                DashboardServer server = DashboardServer.start(
                        DashboardConfig.defaults().withListen("127.0.0.1", 0, Optional.empty()), bus, controls,
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
                HeadlessChromium browser = HeadlessChromium.start()) {
            chromium = browser;
            driver = browser.driver;
            String base = "http://127.0.0.1:" + server.port();
            driver.get(base + "/w/" + WEARER);
            waitUntil(d -> d.findElement(By.id("conn")).getAttribute("class").contains("live"));
            // Every state the badge takes, in order: a calibration lasts about a wall second, too short to poll for.
            driver.executeScript("""
                    window.seenStates = [];
                    const badge = document.getElementById('state');
                    new MutationObserver(() => {
                      const s = badge.dataset.state;
                      if (window.seenStates[window.seenStates.length - 1] !== s) window.seenStates.push(s);
                    }).observe(badge, {attributes: true, attributeFilter: ['data-state']});""");

            try (Demo demo = Demo.start(new Demo.Settings(1, Scenario.named("demo"), 1, SPEED), bus, controls,
                    Optional.of(Clock.systemDefaultZone()))) {
                // 1. calibrating, then upright
                waitUntil(d -> "upright".equals(state()));
                List<?> seen = seenStates();
                assertTrue(seen.indexOf("calibrating") >= 0 && seen.indexOf("calibrating") < seen.indexOf("upright"),
                        "the page showed calibrating before upright: " + seen);
                assertEquals("Upright", text("state"), "state shown as text, not colour only");
                String lumbarUpright = attribute("seg-lumbar", "transform");
                screenshot("demo-1-upright");

                // 2. the slouch episode: state, readout over its threshold, drawing, alert, drill card
                waitUntil(d -> "slouched".equals(state()));
                double[] lumbar = waitUntil(d -> {
                    double[] v = lumbarAndThreshold();
                    return v != null && v[0] > v[1] ? v : null;
                });
                assertTrue(driver.findElement(By.id("angle-lumbar_flexion_deg")).getAttribute("class").contains("over"),
                        "lumbar " + lumbar[0] + "° over its " + lumbar[1] + "° threshold is marked");
                assertNotEquals(lumbarUpright, attribute("seg-lumbar", "transform"), "the spine drawing bends");
                WebElement alert = waitUntil(d -> d.findElements(By.cssSelector("#alerts li")).stream()
                        .filter(li -> li.getText().contains("slouch")).findFirst().orElse(null));
                assertTrue(events.stream().anyMatch(e -> e instanceof LiveEvent.Alert), "the service raised the alert");
                WebElement card = waitUntil(d -> d.findElement(By.id("drill")).isDisplayed() ? d.findElement(By.id("drill")) : null);
                String drillId = card.getAttribute("data-drill");
                screenshot("demo-2-slouched");

                // 3. Skip closes the card in the page and in the service (skipped, not done by the scenario's own reps)
                driver.findElement(By.id("drill-skip")).click();
                waitUntil(d -> !d.findElement(By.id("drill")).isDisplayed());
                waitUntil(d -> wearerJson(base).containsKey("drill") && wearerJson(base).get("drill") == null);
                assertTrue(events.stream().anyMatch(e -> e instanceof LiveEvent.DrillProgress p
                        && p.status() == LiveEvent.DrillStatus.SKIPPED && p.card().drillId().equals(drillId)),
                        "the pipeline ended drill " + drillId + " as skipped: " + events);
                screenshot("demo-3-drill-skipped");

                // 4. Recalibrate reaches the pipeline on the wearer's thread
                long startedBefore = calibrationsStarted();
                int seenBefore = seenStates().size();
                driver.findElement(By.id("calibrate")).click();
                waitUntil(d -> calibrationsStarted() > startedBefore);
                waitUntil(d -> {
                    List<?> now = seenStates();
                    return now.subList(seenBefore, now.size()).contains("calibrating");
                });
                screenshot("demo-4-recalibrating");
            }
        }
    }

    /** From the top of the page, where the state badge is (a click may have scrolled it). */
    void screenshot(String name) throws java.io.IOException {
        driver.executeScript("window.scrollTo(0, 0)");
        chromium.screenshot(name);
    }

    <T> T waitUntil(Function<WebDriver, T> condition) {
        return chromium.waitUntil(PHASE, condition);
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    String attribute(String id, String name) {
        return driver.findElement(By.id(id)).getAttribute(name);
    }

    String state() {
        return attribute("state", "data-state");
    }

    List<?> seenStates() {
        return (List<?>) driver.executeScript("return window.seenStates.slice()");
    }

    long calibrationsStarted() {
        return events.stream().filter(e -> e instanceof LiveEvent.Calibration c
                && c.phase() == LiveEvent.CalibrationPhase.STARTED).count();
    }

    /** The lumbar readout and its slouch threshold as the page shows them, read together; null before both show. */
    double[] lumbarAndThreshold() {
        Object texts = driver.executeScript("const b = document.getElementById('angle-lumbar_flexion_deg');"
                + "return [b.querySelector('.value').textContent, b.querySelector('.limit').textContent];");
        List<?> t = (List<?>) texts;
        Matcher value = DEG.matcher((String) t.get(0));
        Matcher limit = DEG.matcher((String) t.get(1));
        if (!value.find() || !limit.find()) {
            return null;
        }
        return new double[] {degrees(value.group(1)), degrees(limit.group(1))};
    }

    static double degrees(String shown) {
        return Double.parseDouble(shown.replace('−', '-'));
    }

    Map<?, ?> wearerJson(String base) {
        try {
            String body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/wearers/" + WEARER))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            return (Map<?, ?>) Json.parse(body);
        } catch (java.io.IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
