package io.spinewatch.dashboard;

import io.spinewatch.sim.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.app.Spinewatch;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The application jar's command line: {@code demo} and {@code run} start the dashboard through {@link DashboardViews}. */
class MainTest {
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static void await(java.util.function.BooleanSupplier c, long millis, String what) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    @Nested
    class Demo {
        @Test
        void theDemoServesItsWearerAndMetricsAndAcceptsARecalibration() throws Exception {
            StringWriter out = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(new StringWriter(), true));
            AtomicInteger exit = new AtomicInteger(-1);
            Thread t = new Thread(() -> exit.set(cl.execute("demo", "--port", "0", "--speed", "20", "--minutes", "0.15",
                    "--status-every", "0", "--no-history")));
            t.start();
            await(() -> out.toString().contains("dashboard: http://"), 20_000, "the dashboard URL");
            Matcher m = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:\\d+/)").matcher(out.toString());
            assertTrue(m.find(), out.toString());
            String base = m.group(1);
            await(() -> {
                try {
                    return get(base + "api/wearers").contains("\"upright\"");
                } catch (Exception e) {
                    return false;
                }
            }, 30_000, "demo-1 upright on the dashboard");
            List<?> tiles = (List<?>) Json.parse(get(base + "api/wearers"));
            assertEquals("demo-1", ((Map<?, ?>) tiles.get(0)).get("id"));
            String metrics = get(base + "metrics");
            assertTrue(metrics.contains("spinewatch_wearers_seen 1.0"));
            // demo binds its hub's meters to the dashboard's registry: the device's samples are there, none lost
            Matcher samples = Pattern.compile("spinewatch_source_samples_total\\{source=\"simulated:demo-1\"} (\\S+)").matcher(metrics);
            assertTrue(samples.find(), metrics);
            assertTrue(Double.parseDouble(samples.group(1)) > 0, samples.group());
            assertTrue(metrics.contains("spinewatch_decoder_errors_total{kind=\"integrity\",source=\"simulated:demo-1\"} 0.0"), metrics);
            HttpResponse<String> cal = http.send(HttpRequest.newBuilder(URI.create(base + "api/wearers/demo-1/calibrate"))
                    .header("Origin", base.substring(0, base.length() - 1))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(202, cal.statusCode(), cal.body());
            await(() -> {
                try {
                    return get(base + "metrics").contains("spinewatch_calibrations_total{phase=\"started\"} 2.0");
                } catch (Exception e) {
                    return false;
                }
            }, 20_000, "the second calibration to start on the wearer's thread");
            t.join(30_000);
            assertEquals(0, exit.get());
        }

        @Test
        void withoutTheDashboardModuleTheDemoSaysSo() {
            StringWriter err = new StringWriter();
            CommandLine cl = Spinewatch.commandLine();
            cl.setOut(new PrintWriter(new StringWriter(), true));
            cl.setErr(new PrintWriter(err, true));
            assertEquals(2, cl.execute("demo", "--minutes", "0.01", "--no-history"));
            assertTrue(err.toString().contains("--no-dashboard"), err.toString());
        }
    }
}
