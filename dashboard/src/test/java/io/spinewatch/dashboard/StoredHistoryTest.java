package io.spinewatch.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spinewatch.history.AlertRecord;
import io.spinewatch.history.DbLocation;
import io.spinewatch.history.DrillRecord;
import io.spinewatch.history.EpisodeRecord;
import io.spinewatch.history.HistoryRecord;
import io.spinewatch.history.HistoryStore;
import io.spinewatch.history.WearerZone;
import io.spinewatch.live.LiveBus;
import io.spinewatch.sim.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/history/{id}} against the real server and an H2 history in a temp dir, seeded with a
 * known fortnight of one wearer in New York (UTC-5): an episode and an alert just before local midnight
 * belong to the local day, not the UTC one.
 */
class StoredHistoryTest {
    static final String TOKEN = "test-token-0123456789abcdef";
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Thursday 2026-11-26, 15:00 in New York. */
    static final Clock NOW = Clock.fixed(LocalDateTime.parse("2026-11-26T15:00").atZone(NEW_YORK).toInstant(), ZoneOffset.UTC);

    @TempDir
    Path dir;
    final LiveBus bus = new LiveBus();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HistoryStore store;
    DashboardServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    static long ny(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant().toEpochMilli();
    }

    static EpisodeRecord episode(String from, String to, String state) {
        return new EpisodeRecord("ann", ny(from), ny(to), state);
    }

    static AlertRecord alert(String t, String kind, boolean delivered) {
        return new AlertRecord("ann", ny(t), kind, delivered, delivered ? "slouched 30 s (lumbar_flexion)" : "quiet_window: slouched");
    }

    static DrillRecord drill(String drill, String from, String to, int reps, boolean prompted) {
        return new DrillRecord("ann", drill, ny(from), ny(to), reps, prompted, "done");
    }

    /** Ann's fortnight; the expected figures are worked out in the comments. */
    static List<HistoryRecord> annsFortnight() {
        List<HistoryRecord> r = new ArrayList<>();
        r.add(new WearerZone("ann", NEW_YORK));
        // Long before the window: must not count anywhere.
        r.add(episode("2026-11-01T09:00", "2026-11-01T10:00", "slouched"));
        // Last week: Mon 16 (150 min), Thu 19 (180 min), Fri 20 (60 min, also one of the last 7 days).
        r.add(episode("2026-11-16T09:00", "2026-11-16T10:40", "upright"));
        r.add(episode("2026-11-16T10:40", "2026-11-16T11:30", "slouched"));
        r.add(episode("2026-11-19T09:00", "2026-11-19T11:00", "upright"));
        r.add(episode("2026-11-19T11:00", "2026-11-19T12:00", "slouched"));
        r.add(alert("2026-11-19T11:00:30", "slouch", true));
        r.add(alert("2026-11-19T11:20", "reminder", true));
        r.add(alert("2026-11-19T11:40", "reminder", true));
        r.add(drill("pelvic_tilts", "2026-11-19T12:01", "2026-11-19T12:04", 12, true));
        r.add(drill("chin_tucks", "2026-11-19T12:05", "2026-11-19T12:07", 8, false));
        r.add(episode("2026-11-20T09:00", "2026-11-20T09:30", "upright"));
        r.add(episode("2026-11-20T09:30", "2026-11-20T10:00", "slouched"));
        // This week: Mon 23.
        r.add(episode("2026-11-23T09:00", "2026-11-23T10:00", "upright"));
        r.add(episode("2026-11-23T10:00", "2026-11-23T10:20", "slouched"));
        r.add(alert("2026-11-23T10:00:30", "slouch", false));
        // Wed 25, and a slouch across local midnight (04:50-05:10 UTC on the 26th): 10 min each side.
        r.add(episode("2026-11-25T09:00", "2026-11-25T12:00", "upright"));
        r.add(episode("2026-11-25T13:00", "2026-11-25T13:30", "slouched"));
        r.add(alert("2026-11-25T13:00:30", "slouch", true));
        r.add(drill("pelvic_tilts", "2026-11-25T13:31", "2026-11-25T13:34", 6, true));
        r.add(episode("2026-11-25T23:50", "2026-11-26T00:10", "slouched"));
        r.add(alert("2026-11-25T23:55", "reminder", true)); // 04:55 UTC on the 26th, but the 25th in New York
        // Today, Thu 26: upright 60+48, slouched 10+25+12, leaning 15, walking 20.
        r.add(episode("2026-11-26T09:00", "2026-11-26T10:00", "upright"));
        r.add(episode("2026-11-26T10:00", "2026-11-26T10:25", "slouched"));
        r.add(episode("2026-11-26T10:25", "2026-11-26T10:40", "leaning"));
        r.add(episode("2026-11-26T10:40", "2026-11-26T11:00", "walking"));
        r.add(episode("2026-11-26T11:00", "2026-11-26T11:12", "slouched"));
        r.add(episode("2026-11-26T11:12", "2026-11-26T12:00", "upright"));
        r.add(alert("2026-11-26T10:00:30", "slouch", true));
        r.add(alert("2026-11-26T10:10", "reminder", true));
        r.add(alert("2026-11-26T11:05", "slouch", false));
        r.add(drill("pelvic_tilts", "2026-11-26T10:26", "2026-11-26T10:28", 8, true));
        r.add(drill("chin_tucks", "2026-11-26T11:13", "2026-11-26T11:15", 10, false));
        // Another wearer, same hours: must not leak into Ann's figures.
        r.add(new EpisodeRecord("bo", ny("2026-11-26T09:00"), ny("2026-11-26T11:00"), "slouched"));
        return r;
    }

    HistoryStore seededStore() throws Exception {
        store = HistoryStore.open(DbLocation.h2(dir.resolve("history")));
        store.write(annsFortnight());
        return store;
    }

    DashboardServer start(Optional<HistoryStore> history, DashboardConfig config, double cacheSeconds) {
        server = DashboardServer.start(config, bus, new RecordingControl(bus),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), history, NOW, cacheSeconds);
        return server;
    }

    DashboardServer start(Optional<HistoryStore> history) {
        return start(history, DashboardConfig.defaults().withListen("127.0.0.1", 0, Optional.empty()),
                StoredHistory.DEFAULT_CACHE_SECONDS);
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    Map<String, Object> ok(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return Json.object(r.body());
    }

    static Map<String, Object> map(Object o) {
        return LiveJsonTest.map(o);
    }

    static double num(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    static List<Map<String, Object>> days(Map<String, Object> body) {
        return ((List<?>) body.get("days")).stream().map(StoredHistoryTest::map).toList();
    }

    @Nested
    class Today {
        @Test
        void minutesPerStateAlertsDrillsAndTheLongestSlouch() throws Exception {
            start(Optional.of(seededStore()));
            Map<String, Object> body = ok("/api/history/ann");
            assertEquals(true, body.get("enabled"));
            assertEquals("ann", body.get("wearer"));
            assertEquals("America/New_York", body.get("zone"));
            assertEquals(30.0, num(body, "cache_s"));
            Map<String, Object> today = map(body.get("today"));
            assertEquals("2026-11-26", today.get("day"));
            assertEquals(Map.of("upright", 108.0, "slouched", 47.0, "leaning", 15.0, "walking", 20.0),
                    today.get("minutes_by_state"));
            assertEquals(190.0, num(today, "monitored_minutes"));
            assertEquals(170.0, num(today, "seated_minutes"), "walking is not seated");
            assertEquals(47.0, num(today, "slouched_minutes"), "includes the 10 min after midnight");
            assertEquals(0.276, num(today, "slouched_share")); // 47 / 170, 3 decimals
            assertEquals(3.0, num(today, "alerts"), "the 23:55 alert belongs to yesterday in New York");
            assertEquals(2.0, num(today, "alerts_delivered"));
            assertEquals(1.0, num(today, "alerts_held_back"));
            assertEquals(2.0, num(today, "drills"));
            assertEquals(18.0, num(today, "drill_reps"));
            Map<String, Object> longest = map(today.get("longest_slouch"));
            assertEquals(25.0, num(longest, "minutes"));
            assertEquals("2026-11-26T10:00:00-05:00", longest.get("start"));
            assertEquals((double) ny("2026-11-26T10:00"), num(longest, "start_ms"));
            List<?> drills = (List<?>) today.get("drill_list");
            assertEquals(List.of("pelvic_tilts", "chin_tucks"), drills.stream().map(d -> map(d).get("drill")).toList());
            assertEquals(8.0, num(map(drills.get(0)), "reps"));
            assertEquals(true, map(drills.get(0)).get("prompted"));
            assertEquals(false, map(drills.get(1)).get("prompted"));
            assertEquals("2026-11-26T11:13:00-05:00", map(drills.get(1)).get("start"));
        }

        @Test
        void aSlouchAcrossMidnightCountsOnlyItsPartOfTheDay() throws Exception {
            store = HistoryStore.open(DbLocation.h2(dir.resolve("history")));
            store.write(List.of(new WearerZone("ann", NEW_YORK), episode("2026-11-25T23:00", "2026-11-26T00:20", "slouched")));
            start(Optional.of(store));
            Map<String, Object> today = map(ok("/api/history/ann").get("today"));
            assertEquals(20.0, num(today, "slouched_minutes"));
            Map<String, Object> longest = map(today.get("longest_slouch"));
            assertEquals(20.0, num(longest, "minutes"), "clipped at local midnight");
            assertEquals("2026-11-26T00:00:00-05:00", longest.get("start"));
        }
    }

    @Nested
    class LastSevenDays {
        @Test
        void oneEntryPerLocalDayOldestFirst() throws Exception {
            start(Optional.of(seededStore()));
            List<Map<String, Object>> days = days(ok("/api/history/ann"));
            assertEquals(List.of("2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"),
                    days.stream().map(d -> d.get("day")).toList());
            double[][] expected = { // monitored, upright, slouched, share, alerts, delivered, drills, reps
                {60, 30, 30, 0.5, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0},
                {80, 60, 20, 0.25, 1, 0, 0, 0},
                {0, 0, 0, 0, 0, 0, 0, 0},
                {220, 180, 40, 0.182, 2, 2, 1, 6}, // 30 + the 10 min before midnight; the 23:55 alert
                {190, 108, 47, 0.276, 3, 2, 2, 18},
            };
            String[] keys = {"monitored_minutes", "upright_minutes", "slouched_minutes", "slouched_share", "alerts",
                "alerts_delivered", "drills", "drill_reps"};
            for (int i = 0; i < expected.length; i++) {
                for (int k = 0; k < keys.length; k++) {
                    assertEquals(expected[i][k], num(days.get(i), keys[k]), days.get(i).get("day") + " " + keys[k]);
                }
            }
        }

        @Test
        void thisWeekSoFarAgainstTheWholeOfLastWeek() throws Exception {
            start(Optional.of(seededStore()));
            Map<String, Object> weeks = map(ok("/api/history/ann").get("weeks"));
            Map<String, Object> thisWeek = map(weeks.get("this_week"));
            assertEquals("2026-11-23", thisWeek.get("from"));
            assertEquals("2026-11-26", thisWeek.get("to"));
            assertEquals(490.0, num(thisWeek, "monitored_minutes"));
            assertEquals(470.0, num(thisWeek, "seated_minutes"));
            assertEquals(107.0, num(thisWeek, "slouched_minutes"));
            assertEquals(0.228, num(thisWeek, "slouched_share")); // 107 / 470
            assertEquals(6.0, num(thisWeek, "alerts"));
            assertEquals(4.0, num(thisWeek, "alerts_delivered"));
            assertEquals(3.0, num(thisWeek, "drills"));
            assertEquals(24.0, num(thisWeek, "drill_reps"));
            Map<String, Object> lastWeek = map(weeks.get("last_week"));
            assertEquals("2026-11-16", lastWeek.get("from"));
            assertEquals("2026-11-22", lastWeek.get("to"));
            assertEquals(390.0, num(lastWeek, "monitored_minutes"), "Nov 1 is outside both weeks");
            assertEquals(140.0, num(lastWeek, "slouched_minutes"));
            assertEquals(0.359, num(lastWeek, "slouched_share"));
            assertEquals(3.0, num(lastWeek, "alerts"));
            assertEquals(2.0, num(lastWeek, "drills"));
            assertEquals(20.0, num(lastWeek, "drill_reps"));
        }
    }

    @Nested
    class Answers {
        @Test
        void withoutAStoreTheAnswerSaysHistoryIsNotKept() throws Exception {
            start(Optional.empty());
            bus.publish(Snapshots.upright("ann", "Ann", 100));
            Map<String, Object> body = ok("/api/history/ann");
            assertEquals(false, body.get("enabled"));
            assertTrue(((String) body.get("reason")).contains("without a history database"), body.toString());
        }

        @Test
        void anUnknownWearerIs404() throws Exception {
            start(Optional.of(seededStore()));
            HttpResponse<String> r = get("/api/history/nobody");
            assertEquals(404, r.statusCode());
            assertTrue(r.body().contains("no such wearer"), r.body());
            assertEquals(400, get("/api/history/bad%20id").statusCode());
        }

        @Test
        void aLiveWearerWithNothingStoredYetGetsZeros() throws Exception {
            start(Optional.of(seededStore()));
            bus.publish(Snapshots.upright("cy", "Cy", 100));
            Map<String, Object> body = ok("/api/history/cy");
            assertEquals("UTC", body.get("zone"));
            assertEquals(0.0, num(map(body.get("today")), "monitored_minutes"));
            assertNull(map(body.get("today")).get("longest_slouch"));
            assertEquals(7, days(body).size());
        }

        @Test
        void aFailingStoreGives503WithAMessageAndNoStackTrace() throws Exception {
            HistoryStore closed = seededStore();
            start(Optional.of(closed));
            closed.close();
            HttpResponse<String> r = get("/api/history/ann");
            assertEquals(503, r.statusCode());
            Map<String, Object> body = Json.object(r.body());
            assertTrue(((String) body.get("error")).startsWith("the history database failed: "), r.body());
            assertFalse(r.body().contains("\tat ") || r.body().contains("Exception"), r.body());
            HttpResponse<String> again = get("/api/history/ann");
            assertEquals(503, again.statusCode(), "answered from the cache while the retry period runs");
        }

        @Test
        void theTokenRuleAppliesAsToEveryOtherRoute() throws Exception {
            start(Optional.of(seededStore()), DashboardConfig.defaults().withListen("127.0.0.1", 0, Optional.of(TOKEN)),
                    StoredHistory.DEFAULT_CACHE_SECONDS);
            assertEquals(401, get("/api/history/ann").statusCode());
            assertEquals(200, get("/api/history/ann", "Authorization", "Bearer " + TOKEN).statusCode());
        }
    }

    @Nested
    class Cache {
        @Test
        void anAnswerIsReusedForTheCachePeriod() throws Exception {
            start(Optional.of(seededStore()));
            double before = num(map(ok("/api/history/ann").get("today")), "slouched_minutes");
            store.write(List.of(episode("2026-11-26T12:00", "2026-11-26T12:30", "slouched")));
            for (int i = 0; i < 5; i++) {
                assertEquals(before, num(map(ok("/api/history/ann").get("today")), "slouched_minutes"));
            }
        }

        @Test
        void withoutCachingEveryRequestSeesTheStoreAsItIsNow() throws Exception {
            start(Optional.of(seededStore()), DashboardConfig.defaults().withListen("127.0.0.1", 0, Optional.empty()), 0);
            assertEquals(47.0, num(map(ok("/api/history/ann").get("today")), "slouched_minutes"));
            store.write(List.of(episode("2026-11-26T12:00", "2026-11-26T12:30", "slouched")));
            assertEquals(77.0, num(map(ok("/api/history/ann").get("today")), "slouched_minutes"));
        }
    }

    @Nested
    class Service {
        @Test
        void concurrentRequestsShareOneQueryAndLaterOnesTheCache() throws Exception {
            try (StoredHistory h = new StoredHistory(Optional.of(seededStore()), id -> false, NOW, 30)) {
                List<CompletableFuture<StoredHistory.Answer>> answers = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    answers.add(h.answer("ann"));
                }
                StoredHistory.Answer first = answers.get(0).get(20, TimeUnit.SECONDS);
                assertEquals(200, first.status());
                for (CompletableFuture<StoredHistory.Answer> a : answers) {
                    assertEquals(first, a.get(20, TimeUnit.SECONDS));
                }
                assertEquals(first, h.answer("ann").get(20, TimeUnit.SECONDS));
                assertEquals(1, h.queriesRun());
                assertEquals(404, h.answer("nobody").get(20, TimeUnit.SECONDS).status());
                assertEquals(2, h.queriesRun());
            }
        }

        @Test
        void queriesRunOnTheHistoryThreadNotTheCallers() throws Exception {
            HistoryStore s = seededStore();
            List<String> threads = new CopyOnWriteArrayList<>();
            try (StoredHistory h = new StoredHistory(Optional.of(s), id -> {
                threads.add(Thread.currentThread().getName());
                return true;
            }, NOW, 30)) {
                assertEquals(200, h.answer("cy").get(20, TimeUnit.SECONDS).status());
            }
            assertEquals(List.of("dashboard-history"), threads);
        }

        @Test
        void everyFailureIsCountedAndTheStoreAskedAgainOnceTheRetryPeriodIsOver() throws Exception {
            HistoryStore closed = seededStore();
            closed.close();
            try (StoredHistory h = new StoredHistory(Optional.of(closed), id -> false, NOW, 0)) {
                for (int i = 0; i < 3; i++) {
                    StoredHistory.Answer a = h.answer("ann").get(20, TimeUnit.SECONDS);
                    assertEquals(503, a.status());
                }
                assertEquals(3, h.failures());
            }
        }

        @Test
        void aPasswordInAnErrorMessageIsNotShown() {
            String shown = StoredHistory.shortMessage(new java.sql.SQLException(
                    "cannot connect to jdbc:postgresql://db/x?user=a&password=s3cret&ssl=true\n\tat somewhere"));
            assertEquals("cannot connect to jdbc:postgresql://db/x?user=a&password=***&ssl=true", shown);
        }
    }
}
