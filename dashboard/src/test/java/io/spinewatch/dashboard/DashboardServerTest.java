package io.spinewatch.dashboard;

import io.spinewatch.sim.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spinewatch.feedback.DrillCatalogue;
import io.spinewatch.hub.MonitorOutput;
import io.spinewatch.hub.WearerHub;
import io.spinewatch.latency.EpochClock;
import io.spinewatch.latency.LatencyRecorder;
import io.spinewatch.live.AlertNote;
import io.spinewatch.live.LiveBus;
import io.spinewatch.live.LiveEvent;
import io.spinewatch.metrics.PipelineMetrics;
import io.spinewatch.pipeline.LiveControls;
import io.spinewatch.pipeline.PipelineParams;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DashboardServerTest {
    static final String TOKEN = "test-token-0123456789abcdef";

    final LiveBus bus = new LiveBus();
    final RecordingControl control = new RecordingControl(bus);
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    DashboardServer server;

    DashboardServer start(DashboardConfig config) {
        server = DashboardServer.start(config, bus, control, registry);
        return server;
    }

    DashboardServer start() {
        return start(DashboardConfig.defaults().withListen("127.0.0.1", 0, Optional.empty()));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class Routes {
        @Test
        void pagesAndTheChartLibraryAreServedFromTheJar() throws Exception {
            start();
            HttpResponse<String> index = get("/");
            assertEquals(200, index.statusCode());
            assertTrue(index.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            HttpResponse<String> wearer = get("/w/anyone");
            assertEquals(200, wearer.statusCode());
            for (String asset : new String[] {"dashboard.css", "app.js", "overview.js", "wearer.js", "history.js"}) {
                assertEquals(200, get("/static/" + asset).statusCode(), asset);
            }
            // the version the page names (filtered from the pom) is the one the webjar serves
            String script = wearer.body().replaceAll("(?s).*src=\"(/webjars/uplot/[^\"]+)\".*", "$1");
            assertTrue(script.startsWith("/webjars/uplot/"), wearer.body());
            HttpResponse<String> uplot = get(script);
            assertEquals(200, uplot.statusCode());
            assertTrue(uplot.body().contains("uPlot"));
        }

        @Test
        void wearerListAndSnapshotReflectTheBus() throws Exception {
            start();
            bus.publish(Snapshots.upright("ann", "Ann", 100));
            bus.publish(Snapshots.slouched("bo", "Bo", 100));
            List<?> list = (List<?>) Json.parse(get("/api/wearers").body());
            assertEquals(List.of("ann", "bo"), list.stream().map(t -> LiveJsonTest.map(t).get("id")).toList());
            HttpResponse<String> bo = get("/api/wearers/bo");
            assertEquals(200, bo.statusCode());
            assertEquals(LiveJson.snapshot(bus.latest("bo").orElseThrow()), bo.body());
            assertEquals(404, get("/api/wearers/nobody").statusCode());
            assertEquals(400, get("/api/wearers/bad%20id").statusCode());
        }

        @Test
        void historyHoldsTheRecentAnglesOfAWearer() throws Exception {
            start();
            for (int t = 0; t < 10; t++) {
                bus.publish(Snapshots.upright("ann", "Ann", t));
            }
            Map<String, Object> h = Json.object(get("/api/wearers/ann/history").body());
            assertEquals(10, ((List<?>) h.get("t_s")).size());
            assertEquals(3.2, ((List<?>) LiveJsonTest.map(h.get("angles_deg")).get("lumbar_flexion_deg")).get(9));
            assertEquals(404, get("/api/wearers/nobody/history").statusCode());
        }

        @Test
        void healthSaysUpWithCounts() throws Exception {
            start();
            bus.publish(Snapshots.upright("ann", "Ann", 100));
            HttpResponse<String> h = get("/health");
            assertEquals(200, h.statusCode());
            Map<String, Object> j = Json.object(h.body());
            assertEquals("up", j.get("status"));
            assertEquals(1.0, j.get("wearers"));
            assertEquals(0.0, j.get("clients"));
        }
    }

    @Nested
    class Control {
        @Test
        void postsReachTheControl() throws Exception {
            start();
            bus.publish(Snapshots.slouched("bo", "Bo", 100));
            assertEquals(202, post("/api/wearers/bo/calibrate").statusCode());
            assertEquals(202, post("/api/wearers/bo/drill/pelvic_tilts/done").statusCode());
            assertEquals(202, post("/api/wearers/bo/drill/pelvic_tilts/skip").statusCode());
            assertEquals(List.of("recalibrate bo", "done bo pelvic_tilts", "skip bo pelvic_tilts"), control.calls);
        }

        @Test
        void unknownWearersOrDrillsAreNotFoundAndGetIsNotAllowed() throws Exception {
            start();
            bus.publish(Snapshots.slouched("bo", "Bo", 100));
            assertEquals(404, post("/api/wearers/nobody/calibrate").statusCode());
            assertEquals(404, post("/api/wearers/bo/drill/chin_tucks/done").statusCode());
            assertEquals(404, post("/api/wearers/bo/drill/pelvic_tilts/finish").statusCode());
            assertTrue(get("/api/wearers/bo/calibrate").statusCode() >= 400);
            assertEquals(List.of(), control.calls);
        }

        @Test
        void crossSitePostsAreRefused() throws Exception {
            start();
            bus.publish(Snapshots.slouched("bo", "Bo", 100));
            assertEquals(403, post("/api/wearers/bo/calibrate", "Origin", "http://evil.example").statusCode());
            assertEquals(202, post("/api/wearers/bo/calibrate", "Origin", "http://127.0.0.1:" + server.port()).statusCode());
            assertEquals(List.of("recalibrate bo"), control.calls);
        }
    }

    @Nested
    class Access {
        DashboardServer startWithToken() {
            return start(DashboardConfig.defaults().withListen("127.0.0.1", 0, Optional.of(TOKEN)));
        }

        @Test
        void withATokenEveryRouteNeedsIt() throws Exception {
            startWithToken();
            for (String path : new String[] {"/", "/w/ann", "/api/wearers", "/metrics", "/health", "/static/app.js"}) {
                HttpResponse<String> r = get(path);
                assertEquals(401, r.statusCode(), path);
                assertEquals(200, get(path, "Authorization", "Bearer " + TOKEN).statusCode(), path);
            }
            assertEquals(401, post("/api/wearers/x/calibrate").statusCode());
            assertEquals(401, get("/api/wearers", "Authorization", "Bearer wrong-token-0123456789").statusCode());
        }

        @Test
        void theQueryTokenSetsACookieThatServesLaterRequests() throws Exception {
            startWithToken();
            HttpResponse<String> first = get("/?token=" + TOKEN);
            assertEquals(200, first.statusCode());
            String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
            String pair = cookie.substring(0, cookie.indexOf(';'));
            assertEquals(200, get("/api/wearers", "Cookie", pair).statusCode());
            assertEquals(401, get("/api/wearers", "Cookie", AccessRule.COOKIE + "=nope").statusCode());
        }

        @Test
        void withoutATokenAForeignHostHeaderIsRefused() throws Exception {
            start();
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.getOutputStream().write(("GET /api/wearers HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                assertEquals("HTTP/1.1 403", status);
            }
        }

        @Test
        void aNonLoopbackBindWithoutATokenDoesNotStart() {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> DashboardConfig.defaults().withListen("0.0.0.0", 0, Optional.empty()));
        }
    }

    @Nested
    class Metrics {
        /** Parses the Prometheus text format into "name{k="v",...}" (labels sorted) to value. */
        Map<String, Double> scrape() throws Exception {
            HttpResponse<String> r = get("/metrics");
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            Map<String, Double> out = new HashMap<>();
            for (String line : r.body().split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int sp = line.lastIndexOf(' ');
                String key = line.substring(0, sp);
                int brace = key.indexOf('{');
                if (brace >= 0) {
                    TreeMap<String, String> labels = new TreeMap<>();
                    for (String kv : key.substring(brace + 1, key.length() - 1).split(",")) {
                        if (!kv.isEmpty()) {
                            labels.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                        }
                    }
                    StringBuilder k = new StringBuilder(key.substring(0, brace)).append('{');
                    labels.forEach((n, v) -> k.append(n).append('=').append(v).append(','));
                    k.setLength(k.length() - 1);
                    key = k.append('}').toString();
                }
                out.put(key, Double.parseDouble(line.substring(sp + 1)));
            }
            return out;
        }

        @Test
        void scrapedValuesMatchWhatWasFed() throws Exception {
            start();
            for (int i = 0; i < 3; i++) {
                bus.publish(Snapshots.upright("u" + i, "U" + i, 10));
            }
            bus.publish(Snapshots.slouched("s0", "S0", 10));
            bus.publish(Snapshots.slouched("s1", "S1", 10));
            bus.publish(Snapshots.upright("s1", "S1", 11)); // sat up again: counts as upright now
            for (int i = 0; i < 4; i++) {
                bus.publish(new LiveEvent.Alert("s0", new AlertNote(i, "slouch", true, "")));
            }
            bus.publish(new LiveEvent.Alert("s0", new AlertNote(9, "reminder", false, "snoozed")));
            bus.publish(new LiveEvent.DrillPrompt("s0", 12, Snapshots.PELVIC_TILTS));
            Map<String, Double> m = scrape();
            assertEquals(4.0, m.get("spinewatch_wearers{state=\"upright\"}"));
            assertEquals(1.0, m.get("spinewatch_wearers{state=\"slouched\"}"));
            assertEquals(0.0, m.get("spinewatch_wearers{state=\"walking\"}"));
            assertEquals(4.0, m.get("spinewatch_alerts_total{delivered=\"true\",kind=\"slouch\"}"));
            assertEquals(1.0, m.get("spinewatch_alerts_total{delivered=\"false\",kind=\"reminder\"}"));
            assertEquals(1.0, m.get("spinewatch_drills_total{outcome=\"prompted\"}"));
            assertEquals(0.0, m.get("spinewatch_dashboard_clients"));
            assertEquals(0.0, m.get("spinewatch_dashboard_clients_dropped_total"));
        }

        @Test
        void everyMetricTheGrafanaDashboardQueriesIsExported() throws Exception {
            start();
            bus.publish(Snapshots.slouched("s0", "S0", 10));
            bus.publish(new LiveEvent.Alert("s0", new AlertNote(1, "slouch", true, "")));
            bus.publish(new LiveEvent.DrillPrompt("s0", 2, Snapshots.PELVIC_TILTS));
            bus.publish(new LiveEvent.DrillProgress("s0", 3, Snapshots.PELVIC_TILTS, LiveEvent.DrillStatus.DONE));
            bus.publish(new LiveEvent.Calibration("s0", 4, LiveEvent.CalibrationPhase.DONE, Optional.empty()));
            java.util.Set<String> exported = new java.util.HashSet<>();
            // The ingest and pipeline meters come from a hub, as run binds them.
            try (WearerHub hub = new WearerHub(bus, new LiveControls(), PipelineParams.DEFAULT, DrillCatalogue.bundled(), 1,
                    1, false, MonitorOutput.NONE, Optional.empty())) {
                hub.attach(DashboardViewsTest.WireSource::new);
                LatencyRecorder latency = new LatencyRecorder(new EpochClock());
                PipelineMetrics.bind(registry, hub, Optional.of(latency));
                for (String key : scrape().keySet()) {
                    exported.add(key.replaceAll("\\{.*", ""));
                }
            }
            Path grafana = Path.of("..", "docs", "grafana", "spinewatch.json");
            Map<String, Object> dashboard = Json.object(Files.readString(grafana));
            java.util.Set<String> queried = new java.util.TreeSet<>();
            for (Object panel : (List<?>) dashboard.get("panels")) {
                for (Object target : (List<?>) LiveJsonTest.map(panel).get("targets")) {
                    java.util.regex.Matcher names = java.util.regex.Pattern.compile("spinewatch_[a-z_]+")
                            .matcher((String) LiveJsonTest.map(target).get("expr"));
                    while (names.find()) {
                        queried.add(names.group());
                    }
                }
            }
            assertTrue(queried.size() >= 6, "queried " + queried);
            for (String name : queried) {
                assertTrue(exported.contains(name), name + " is queried by Grafana but not exported: " + exported);
            }
        }
    }

    /** Reads an SSE stream on a background thread, keeping (event name, arrival nanos). */
    final class SseReader {
        final List<String[]> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<HttpResponse<Stream<String>>> response;

        SseReader(String path) {
            HttpRequest req = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream").build();
            response = http.sendAsync(req, HttpResponse.BodyHandlers.ofLines());
            response.thenAcceptAsync(r -> {
                String name = null;
                for (String line : (Iterable<String>) r.body()::iterator) {
                    if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("data: ") && name != null) {
                        events.add(new String[] {name, line.substring(6), Long.toString(System.nanoTime())});
                    }
                }
            });
        }

        long count(String name) {
            return events.stream().filter(e -> e[0].equals(name)).count();
        }

        List<String> data(String name) {
            return events.stream().filter(e -> e[0].equals(name)).map(e -> e[1]).toList();
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Nested
    class LiveFeed {
        @Test
        void aWearerFeedSendsTheLatestSnapshotAtTheCappedRateAndEveryAlert() throws Exception {
            start(DashboardConfig.defaults().withListen("127.0.0.1", 0, Optional.empty()).withFeed(20, 10, 5, 8));
            bus.publish(Snapshots.upright("ann", "Ann", 0));
            SseReader reader = new SseReader("/events/ann");
            waitFor(() -> reader.count("snapshot") >= 1, "the first snapshot");
            assertEquals(1, server.clients());
            // Publish at 200 Hz for 2 s: ten times the feed rate.
            long start = System.nanoTime();
            int published = 0;
            while (System.nanoTime() - start < Duration.ofSeconds(2).toNanos()) {
                bus.publish(Snapshots.upright("ann", "Ann", published++ * 0.005));
                bus.publish(Snapshots.slouched("bo", "Bo", published * 0.005)); // another wearer: not in this feed
                if (published == 100) {
                    bus.publish(new LiveEvent.Alert("ann", new AlertNote(0.5, "slouch", true, "slouched 30 s")));
                }
                Thread.sleep(5);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(200);
            long frames = reader.count("snapshot") - 1;
            assertTrue(frames <= 20 * seconds + 3, frames + " frames in " + seconds + " s exceed the 20 Hz cap");
            assertTrue(frames >= 5 * seconds, frames + " frames in " + seconds + " s: feed far below its rate");
            assertTrue(frames < published / 2, "stale snapshots were dropped, not queued");
            assertTrue(reader.data("snapshot").stream().allMatch(d -> d.contains("\"id\":\"ann\"")));
            assertEquals(1, reader.count("alert"));
            String last = reader.data("snapshot").get(reader.data("snapshot").size() - 1);
            assertEquals(LiveJson.snapshot(bus.latest("ann").orElseThrow()), last, "the newest snapshot arrives last");
        }

        @Test
        void theOverviewFeedSendsChangedTilesOnly() throws Exception {
            start();
            for (int i = 0; i < 50; i++) {
                bus.publish(Snapshots.upright("w" + i, "W" + i, 0));
            }
            SseReader reader = new SseReader("/events");
            waitFor(() -> reader.count("tiles") >= 1, "the first tiles");
            assertEquals(50, ((List<?>) Json.parse(reader.data("tiles").get(0))).size());
            bus.publish(Snapshots.slouched("w7", "W7", 1));
            waitFor(() -> reader.count("tiles") >= 2, "the changed tile");
            List<?> changed = (List<?>) Json.parse(reader.data("tiles").get(1));
            assertEquals(1, changed.size());
            assertEquals("slouched", LiveJsonTest.map(changed.get(0)).get("state"));
        }

        @Test
        void clientsBeyondTheLimitAreTurnedAway() throws Exception {
            start(DashboardConfig.defaults().withListen("127.0.0.1", 0, Optional.empty()).withFeed(20, 10, 5, 1));
            bus.publish(Snapshots.upright("ann", "Ann", 0));
            SseReader first = new SseReader("/events/ann");
            waitFor(() -> first.count("snapshot") >= 1, "the first client fed");
            assertEquals(503, get("/events", "Accept", "text/event-stream").statusCode());
            assertEquals(1, server.clients());
        }

        @Test
        void aClientThatLeavesIsForgotten() throws Exception {
            start();
            bus.publish(Snapshots.upright("ann", "Ann", 0));
            SseReader reader = new SseReader("/events/ann");
            waitFor(() -> reader.count("snapshot") >= 1, "the first snapshot");
            reader.response.get().body().close();
            for (int i = 0; server.clients() > 0 && i < 2000; i++) {
                bus.publish(Snapshots.upright("ann", "Ann", i)); // writes fail once the socket is gone
                Thread.sleep(10);
            }
            assertEquals(0, server.clients());
            assertEquals(0, server.droppedClients(), "a client that closed was not stalled");
        }
    }

    @Nested
    class Backpressure {
        @Test
        void aClientThatStopsReadingNeitherBlocksThePublisherNorGrowsItsBuffer() throws Exception {
            int capacity = DashboardConfig.DEFAULT_EVENT_CAPACITY;
            start(DashboardConfig.defaults().withListen("127.0.0.1", 0, Optional.empty()).withFeed(20, 60, 0.5, 8));
            int wearers = 200;
            String longName = "Wearer with a long display name to make every tile a few hundred bytes ".repeat(2);
            for (int w = 0; w < wearers; w++) {
                bus.publish(Snapshots.upright("w" + w, longName + w, 0));
            }
            SseReader healthy = new SseReader("/events/w0");
            try (Socket stalled = new Socket()) {
                stalled.setReceiveBufferSize(4096);
                stalled.connect(new InetSocketAddress("127.0.0.1", server.port()));
                OutputStream out = stalled.getOutputStream();
                out.write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                waitFor(() -> server.clients() == 2, "both clients connected");
                int[] maxPending = new int[1];
                // Publishing must finish promptly whatever the stalled client does; it never waits on it.
                assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                    for (int round = 1; round <= 400; round++) {
                        for (int w = 0; w < wearers; w++) {
                            bus.publish(round % 2 == 0 ? Snapshots.slouched("w" + w, longName + w, round)
                                    : Snapshots.upright("w" + w, longName + w, round));
                            if (w == 0 && round % 50 == 0) {
                                bus.publish(new LiveEvent.Alert("w0", new AlertNote(round, "slouch", true, "x")));
                            }
                        }
                        maxPending[0] = Math.max(maxPending[0], server.maxPendingPerClient());
                        Thread.sleep(2);
                    }
                });
                assertTrue(maxPending[0] <= wearers + capacity, "pending " + maxPending[0]);
                // Keep publishing until the watchdog has seen the stalled send and dropped that client.
                for (int round = 0; server.droppedClients() == 0 && round < 3000; round++) {
                    for (int w = 0; w < wearers; w++) {
                        bus.publish(Snapshots.slouched("w" + w, longName + w, 1000 + round));
                    }
                    maxPending[0] = Math.max(maxPending[0], server.maxPendingPerClient());
                    Thread.sleep(10);
                }
                assertEquals(1, server.droppedClients(), "the stalled client was dropped");
                assertTrue(maxPending[0] <= wearers + capacity, "pending " + maxPending[0]);
                waitFor(() -> server.clients() == 1, "the stalled client removed");
                long before = healthy.count("snapshot");
                bus.publish(Snapshots.upright("w0", longName, 99_999));
                waitFor(() -> healthy.count("snapshot") > before, "the healthy client still fed");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }
}
