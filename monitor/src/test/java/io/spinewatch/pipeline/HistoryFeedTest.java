package io.spinewatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.feedback.DrillCatalogue;
import io.spinewatch.history.AlertRecord;
import io.spinewatch.history.DayTotals;
import io.spinewatch.history.DbLocation;
import io.spinewatch.history.DrillRecord;
import io.spinewatch.history.EpisodeRecord;
import io.spinewatch.history.HistoryStore;
import io.spinewatch.history.HistoryWriter;
import io.spinewatch.history.WearerHistory;
import io.spinewatch.live.LiveBus;
import io.spinewatch.live.LiveEvent;
import io.spinewatch.live.WearerSnapshot;
import io.spinewatch.posture.PostureState;
import io.spinewatch.sim.Mountings;
import io.spinewatch.sim.Scenario;
import io.spinewatch.sim.SensorNoise;
import io.spinewatch.sim.Session;
import io.spinewatch.sim.Simulation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryFeedTest {
    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final ZonedDateTime NINE = LocalDate.of(2026, 3, 11).atTime(9, 0).atZone(ZONE);
    static final Clock WALL = Clock.fixed(NINE.toInstant(), ZONE);
    static final Session DEMO = Scenario.named("demo").compile(1);
    static final Session SLOUCH = Scenario.parse("slouch", "calibrate 12s; upright 20s; slouch 50s; upright 15s").compile(3);

    @TempDir
    Path dir;

    /** What one run of a session through a live wearer with history left behind. */
    record Run(LiveWearer wearer, List<LiveEvent> events, WearerSnapshot last) {
    }

    /** Runs {@code session} through a live wearer whose history goes to {@code store}; waits for every record. */
    static Run run(Session session, HistoryStore store, Optional<DayTotals> storedToday, OptionalLong storedUntil)
            throws InterruptedException {
        HistoryWriter writer = new HistoryWriter(store);
        LiveBus bus = new LiveBus();
        List<LiveEvent> events = new ArrayList<>();
        bus.subscribe(events::add);
        HistoryFeed feed = new HistoryFeed(new WearerHistory("ann", ZONE, writer), WALL, storedToday, storedUntil);
        LiveWearer w = new LiveWearer("ann", "Ann", PipelineParams.DEFAULT, DrillCatalogue.bundled(), bus,
                new PostureListener() { }, LivePublisherTest.ticking(100_000_000), LivePublisher.DEFAULT_MAX_RATE_HZ,
                Optional.of(WALL), Optional.of(feed));
        Simulation.run(session, Simulation.Config.of(100, SensorNoise.REALISTIC, Mountings.random(3)), s -> w.onSample(s.imu()));
        w.finish();
        assertTrue(writer.flush(10_000), "every record committed");
        writer.close();
        assertEquals(0, writer.dropped());
        WearerSnapshot last = w.publisher().snapshot();
        return new Run(w, events, last);
    }

    /** Bytes the current thread allocated while running {@code body}; skips the test when the JVM cannot tell. */
    static long allocatedDuring(Runnable body) {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
        org.junit.jupiter.api.Assumptions.assumeTrue(sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counter disabled");
        long before = sun.getCurrentThreadAllocatedBytes();
        body.run();
        return sun.getCurrentThreadAllocatedBytes() - before;
    }

    static HistoryStore store(Path dir) throws Exception {
        return HistoryStore.open(DbLocation.h2(dir.resolve("history")));
    }

    @Nested
    class WhatIsStored {
        @Test
        void theStoredDayMatchesWhatTheLiveViewCounted() throws Exception {
            try (HistoryStore store = store(dir)) {
                Run r = run(DEMO, store, Optional.empty(), OptionalLong.empty());
                DayTotals day = store.dayTotals("ann", NINE.toLocalDate());
                assertEquals(ZONE, day.zone());
                for (PostureState s : PostureState.values()) {
                    double live = r.last().secondsByStateToday().getOrDefault(s.label(), 0.0);
                    // Episodes run from one state change to the next; the live count adds whole steps.
                    assertEquals(live, day.seconds(s.label()), 0.2, s.label());
                }
                assertTrue(day.seconds("slouched") > 60, "the demo slouches twice: " + day);
                List<LiveEvent.Alert> alerts = r.events().stream().filter(e -> e instanceof LiveEvent.Alert)
                        .map(e -> (LiveEvent.Alert) e).toList();
                List<AlertRecord> stored = store.alerts("ann", 0, Long.MAX_VALUE);
                assertEquals(alerts.size(), stored.size());
                assertFalse(stored.isEmpty());
                for (int i = 0; i < stored.size(); i++) {
                    assertEquals(alerts.get(i).alert().kind(), stored.get(i).kind());
                    assertEquals(alerts.get(i).alert().delivered(), stored.get(i).delivered());
                    // Wearer seconds become wall milliseconds from the first step on: 09:00 local.
                    assertEquals(NINE.toInstant().toEpochMilli() + Math.round(alerts.get(i).alert().tSeconds() * 1000),
                            stored.get(i).tMillis(), 200.0);
                }
                List<LiveEvent.DrillProgress> ended = r.events().stream().filter(e -> e instanceof LiveEvent.DrillProgress p
                        && p.status() != LiveEvent.DrillStatus.ACTIVE).map(e -> (LiveEvent.DrillProgress) e).toList();
                List<DrillRecord> drills = store.drills("ann", 0, Long.MAX_VALUE);
                assertEquals(ended.size(), drills.size(), "one record per drill card that closed: " + drills);
                for (int i = 0; i < drills.size(); i++) {
                    assertEquals(ended.get(i).card().drillId(), drills.get(i).drillId());
                    assertEquals(ended.get(i).status().label(), drills.get(i).outcome());
                    assertEquals(ended.get(i).card().repsDone(), drills.get(i).reps());
                }
                assertTrue(drills.stream().anyMatch(d -> d.prompted() && d.outcome().equals("done") && d.reps() > 0), drills.toString());
                assertFalse(store.minutes("ann", 0, Long.MAX_VALUE).isEmpty());
            }
        }
    }

    @Nested
    class HotPath {
        @Test
        void keepingHistoryAddsNoAllocationPerSample() throws Exception {
            List<io.spinewatch.protocol.ImuSample> xs = new ArrayList<>();
            Simulation.run(Scenario.parse("s", "calibrate 12s; upright 90s").compile(27),
                    Simulation.Config.of(100, SensorNoise.REALISTIC, Mountings.random(27)), s -> xs.add(s.imu().copy()));
            try (HistoryStore store = store(dir)) {
                HistoryWriter writer = new HistoryWriter(store);
                HistoryFeed feed = new HistoryFeed(new WearerHistory("w", ZONE, writer), WALL, Optional.empty(), OptionalLong.empty());
                long[] frozen = {0};
                // A clock that never moves: after the first snapshot every later one is held back by the cap.
                LiveWearer w = new LiveWearer("w", "W", PipelineParams.DEFAULT, DrillCatalogue.bundled(), new LiveBus(),
                        new PostureListener() { }, () -> frozen[0], 20, Optional.of(WALL), Optional.of(feed));
                int half = xs.size() / 2;
                for (int i = 0; i < half; i++) w.onSample(xs.get(i));
                long bytes = allocatedDuring(() -> {
                    for (int i = half; i < xs.size(); i++) w.onSample(xs.get(i));
                });
                int n = xs.size() - half;
                // As without history: the pipeline's angles record per step (10 Hz), and one minute aggregate a minute.
                assertTrue(bytes < 8L * n, bytes + " bytes for " + n + " samples");
                writer.close();
            }
        }
    }

    @Nested
    class Restart {
        @Test
        void todaysStoredTotalsStartTheDayCountersAndTheAlertBudget() throws Exception {
            try (HistoryStore store = store(dir)) {
                DayTotals before = new DayTotals("ann", NINE.toLocalDate(), ZONE, Map.of("slouched", 300.0, "upright", 1000.0),
                        3, 2, 0, 0);
                Run r = run(SLOUCH, store, Optional.of(before), OptionalLong.empty());
                DayTotals now = store.dayTotals("ann", NINE.toLocalDate());
                assertTrue(now.seconds("slouched") > 30, "this run slouched: " + now);
                assertEquals(300 + now.seconds("slouched"), r.last().slouchedSecondsToday(), 0.2);
                assertEquals(2 + now.alertsDelivered(), r.last().alertsToday());
                assertEquals(2 + now.alertsDelivered(), r.wearer().pipeline().alertPolicy().deliveredToday());
            }
        }

        @Test
        void anotherDaysTotalsAreNotResumed() throws Exception {
            try (HistoryStore store = store(dir)) {
                DayTotals yesterday = new DayTotals("ann", NINE.toLocalDate().minusDays(1), ZONE, Map.of("slouched", 300.0),
                        3, 2, 0, 0);
                Run r = run(SLOUCH, store, Optional.of(yesterday), OptionalLong.empty());
                DayTotals now = store.dayTotals("ann", NINE.toLocalDate());
                assertEquals(now.seconds("slouched"), r.last().slouchedSecondsToday(), 0.2);
                assertEquals(now.alertsDelivered(), r.last().alertsToday());
            }
        }

        @Test
        void aTimelineStoredAheadOfTheClockIsContinuedNotOverwritten() throws Exception {
            try (HistoryStore store = store(dir)) {
                long ahead = NINE.plusMinutes(30).toInstant().toEpochMilli();
                run(SLOUCH, store, Optional.empty(), OptionalLong.of(ahead));
                List<EpisodeRecord> eps = store.episodes("ann", 0, Long.MAX_VALUE);
                assertEquals(ahead + 1, eps.get(0).startMillis());
            }
        }
    }
}
