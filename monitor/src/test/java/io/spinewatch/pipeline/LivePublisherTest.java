package io.spinewatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.feedback.AlertEvent;
import io.spinewatch.feedback.AlertKind;
import io.spinewatch.feedback.Delivery;
import io.spinewatch.feedback.Drill;
import io.spinewatch.feedback.DrillCatalogue;
import io.spinewatch.feedback.HapticPattern;
import io.spinewatch.live.Angle;
import io.spinewatch.live.LiveBus;
import io.spinewatch.live.LiveEvent;
import io.spinewatch.live.SensorHealth;
import io.spinewatch.live.WearerSnapshot;
import io.spinewatch.posture.PostureParams;
import io.spinewatch.posture.PostureState;
import io.spinewatch.posture.SpineAngles;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.sim.Mountings;
import io.spinewatch.sim.Scenario;
import io.spinewatch.sim.SensorNoise;
import io.spinewatch.sim.Session;
import io.spinewatch.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LivePublisherTest {
    static final DrillCatalogue CATALOGUE = DrillCatalogue.bundled();
    static final Session SLOUCH = Scenario.parse("slouch", "calibrate 12s; upright 20s; slouch 50s; upright 15s").compile(3);

    /** A wall clock that moves {@code stepNanos} each time it is read. */
    static LongSupplier ticking(long stepNanos) {
        long[] now = {0};
        return () -> now[0] += stepNanos;
    }

    /** Runs {@code session} through a {@link LiveWearer}; returns the events the bus carried. */
    static List<LiveEvent> run(Session session, LongSupplier clock, LiveWearer[] out) {
        LiveBus bus = new LiveBus();
        List<LiveEvent> events = new ArrayList<>();
        bus.subscribe(events::add);
        LiveWearer w = new LiveWearer("w1", "Wearer one", PipelineParams.DEFAULT, CATALOGUE, bus, new PostureListener() { },
                clock, LivePublisher.DEFAULT_MAX_RATE_HZ, Optional.empty());
        Simulation.run(session, Simulation.Config.of(100, SensorNoise.REALISTIC, Mountings.random(3)), s -> w.onSample(s.imu()));
        w.finish();
        if (out != null) out[0] = w;
        return events;
    }

    static List<WearerSnapshot> snapshots(List<LiveEvent> events) {
        return events.stream().filter(e -> e instanceof LiveEvent.Snapshot).map(e -> ((LiveEvent.Snapshot) e).snapshot()).toList();
    }

    @Nested
    class SnapshotsFollowThePipeline {
        static List<LiveEvent> events;
        static LiveWearer wearer;

        @BeforeAll
        static void simulate() {
            LiveWearer[] w = new LiveWearer[1];
            events = run(SLOUCH, ticking(100_000_000), w);
            wearer = w[0];
        }

        @Test
        void statesGoFromCalibratingToUprightToSlouchedWithinTheScriptedEpisodes() {
            List<WearerSnapshot> snaps = snapshots(events);
            assertEquals("calibrating", snaps.get(0).state());
            double slouchStart = 32;
            double slouchEnd = 82;
            assertTrue(snaps.stream().anyMatch(s -> s.state().equals("upright") && s.tSeconds() < slouchStart), "upright before the slouch");
            List<WearerSnapshot> slouched = snaps.stream().filter(s -> s.state().equals("slouched")).toList();
            assertFalse(slouched.isEmpty(), "slouched during the slouch episode");
            for (WearerSnapshot s : slouched) {
                assertTrue(s.tSeconds() > slouchStart && s.tSeconds() < slouchEnd + 5, "slouched at " + s.tSeconds());
                assertTrue(s.stateDurationSeconds() <= s.tSeconds() - slouchStart + 0.2, "duration counts from the slouch");
            }
        }

        @Test
        void anglesShowTheSlouchAgainstTheWearersThresholds() {
            WearerSnapshot mid = snapshots(events).stream().filter(s -> s.tSeconds() > 60 && s.state().equals("slouched")).findFirst().orElseThrow();
            double lumbar = mid.lumbarFlexionDeg().orElseThrow();
            assertTrue(lumbar > PostureParams.DEFAULT.lumbarSlouchEnterDeg(), "lumbar flexion " + lumbar);
            assertEquals(PostureParams.DEFAULT.lumbarSlouchEnterDeg(), mid.thresholds().get(Angle.LUMBAR_FLEXION).enterDeg());
            assertEquals(PostureParams.DEFAULT.posteriorTiltEnterDeg(), mid.thresholds().get(Angle.PELVIC_TILT).enterDeg());
            assertFalse(mid.thresholds().containsKey(Angle.TRUNK_LEAN), "trunk lean is a slouch threshold only with one sensor");
        }

        @Test
        void theSlouchAlertIsAnEventAndIsCountedInLaterSnapshots() {
            List<LiveEvent.Alert> alerts = events.stream().filter(e -> e instanceof LiveEvent.Alert).map(e -> (LiveEvent.Alert) e).toList();
            assertEquals(1, alerts.stream().filter(a -> a.alert().kind().equals("slouch")).count());
            double alertT = alerts.get(0).tSeconds();
            WearerSnapshot last = snapshots(events).get(snapshots(events).size() - 1);
            assertEquals(1, last.alertsToday());
            assertEquals("slouch", last.lastAlerts().get(0).kind());
            assertTrue(snapshots(events).stream().filter(s -> s.tSeconds() < alertT).allMatch(s -> s.alertsToday() == 0));
        }

        @Test
        void secondsTodayAddUpToTheStepsInEachState() {
            WearerSnapshot last = snapshots(events).get(snapshots(events).size() - 1);
            WearerPipeline p = wearer.pipeline();
            assertEquals(p.secondsIn(PostureState.SLOUCHED), last.slouchedSecondsToday(), 1e-6);
            assertEquals(p.secondsIn(PostureState.UPRIGHT), last.secondsByStateToday().get("upright"), 1e-6);
            assertTrue(last.slouchedSecondsToday() > 20, "slouched " + last.slouchedSecondsToday());
        }

        @Test
        void sensorHealthShowsTheSimulatedRateAndLittleLoss() {
            WearerSnapshot last = snapshots(events).get(snapshots(events).size() - 1);
            assertEquals(3, last.sensors().size());
            for (SensorHealth h : last.sensors().values()) {
                assertTrue(h.rateHz() > 90 && h.rateHz() < 110, "rate " + h.rateHz());
                assertTrue(h.lossRatio() < 0.1, "loss " + h.lossRatio());
                assertFalse(h.silent());
            }
        }

        @Test
        void calibrationStartsAndEndsAsEvents() {
            List<LiveEvent.CalibrationPhase> phases = events.stream().filter(e -> e instanceof LiveEvent.Calibration)
                    .map(e -> ((LiveEvent.Calibration) e).phase()).toList();
            assertEquals(List.of(LiveEvent.CalibrationPhase.STARTED, LiveEvent.CalibrationPhase.DONE), phases);
        }
    }

    @Nested
    class RateCap {
        @Test
        void aClockSlowerThanTheCapPublishesEveryStep() {
            LiveWearer[] w = new LiveWearer[1];
            List<WearerSnapshot> snaps = snapshots(run(SLOUCH, ticking(100_000_000), w));
            assertEquals(w[0].pipeline().stepCount(), snaps.size());
        }

        @Test
        void stepsFasterThanTheCapArePublishedAtTheCap() {
            // 10 ms of wall time per step against a 50 ms cap: every fifth step.
            LiveWearer[] w = new LiveWearer[1];
            List<WearerSnapshot> snaps = snapshots(run(SLOUCH, ticking(10_000_000), w));
            long steps = w[0].pipeline().stepCount();
            assertEquals((steps + 4) / 5, snaps.size(), 1);
        }
    }

    @Nested
    class SensorHealthAlone {
        @Test
        void sequenceGapsAreLossAndBatteryComesFromStatus() {
            LiveBus bus = new LiveBus();
            LivePublisher p = new LivePublisher("w", "W", PipelineParams.DEFAULT, CATALOGUE, bus, ticking(1_000_000_000), 20);
            ImuSample s = new ImuSample();
            // 3 s at 100 Hz of the pelvis sensor with every tenth sample lost.
            for (int k = 0; k < 300; k++) {
                if (k % 10 == 9) continue;
                p.countSample(s.set(3, SensorSlot.PELVIS, k, k * 10_000L, 0, 0, 9.8, 0, 0, 0));
                if (k == 0) p.onAngles(new SpineAngles(0, Double.NaN, Double.NaN, 1, Double.NaN), PostureState.UPRIGHT);
            }
            p.onStatus(new io.spinewatch.protocol.DeviceStatus(3, 1, 0, 0, 3900, 77, false, true, 100, 0b100, 0, 60));
            p.onAngles(new SpineAngles(3, Double.NaN, Double.NaN, 1, Double.NaN), PostureState.UPRIGHT);
            SensorHealth h = bus.latest("w").orElseThrow().sensors().get(SensorSlot.PELVIS);
            assertEquals(0.1, h.lossRatio(), 0.01);
            assertEquals(90, h.rateHz(), 1);
            assertEquals(77, h.batteryPct().orElseThrow());
            assertFalse(bus.latest("w").orElseThrow().sensors().containsKey(SensorSlot.UPPER), "a slot not worn is absent");
        }
    }

    @Nested
    class DrillCards {
        Drill uncounted = CATALOGUE.drills().stream().filter(d -> d.countedBy().isEmpty()).findFirst().orElseThrow();
        AlertEvent cause = new AlertEvent(40, AlertKind.SLOUCH, Delivery.DELIVERED, HapticPattern.SLOUCH, Optional.empty(),
                30, 0, "slouched 30 s");

        @Test
        void aPromptShowsTheCardUntilTheWearerSaysDone() {
            LiveBus bus = new LiveBus();
            List<LiveEvent> events = new ArrayList<>();
            bus.subscribe(events::add);
            LivePublisher p = new LivePublisher("w", "W", PipelineParams.DEFAULT, CATALOGUE, bus, ticking(1_000_000_000), 20);
            p.onDrillPrompt(new DrillPrompt(40, uncounted, cause, false));
            p.onAngles(new SpineAngles(41, 0, 0, 0, 0), PostureState.UPRIGHT);
            assertEquals(uncounted.id(), bus.latest("w").orElseThrow().drill().orElseThrow().drillId());
            assertEquals(uncounted.id(), p.activeDrillId());
            assertFalse(p.closeDrill("some_other_drill", true, 42));
            assertTrue(p.closeDrill(uncounted.id(), true, 42));
            p.onAngles(new SpineAngles(43, 0, 0, 0, 0), PostureState.UPRIGHT);
            assertTrue(bus.latest("w").orElseThrow().drill().isEmpty());
            assertNull(p.activeDrillId());
            LiveEvent.DrillProgress end = (LiveEvent.DrillProgress) events.stream().filter(e -> e instanceof LiveEvent.DrillProgress).findFirst().orElseThrow();
            assertEquals(LiveEvent.DrillStatus.DONE, end.status());
        }

        @Test
        void anUncountedCardExpiresWhenNobodyAnswers() {
            LiveBus bus = new LiveBus();
            List<LiveEvent> events = new ArrayList<>();
            bus.subscribe(events::add);
            LivePublisher p = new LivePublisher("w", "W", PipelineParams.DEFAULT, CATALOGUE, bus, ticking(1_000_000_000), 20);
            p.onDrillPrompt(new DrillPrompt(40, uncounted, cause, false));
            p.onAngles(new SpineAngles(40 + LivePublisher.UNCOUNTED_CARD_SECONDS - 1, 0, 0, 0, 0), PostureState.UPRIGHT);
            assertEquals(uncounted.id(), p.activeDrillId());
            p.onAngles(new SpineAngles(40 + LivePublisher.UNCOUNTED_CARD_SECONDS + 1, 0, 0, 0, 0), PostureState.UPRIGHT);
            assertNull(p.activeDrillId());
            assertTrue(events.stream().anyMatch(e -> e instanceof LiveEvent.DrillProgress d && d.status() == LiveEvent.DrillStatus.EXPIRED));
        }
    }

    @Nested
    class Controls {
        @Test
        void requestsRunOnTheWearersThreadNotTheCallers() throws Exception {
            LiveBus bus = new LiveBus();
            List<String> threads = new CopyOnWriteArrayList<>();
            List<LiveEvent> events = new CopyOnWriteArrayList<>();
            bus.subscribe(e -> {
                if (!(e instanceof LiveEvent.Snapshot)) {
                    events.add(e);
                    threads.add(Thread.currentThread().getName());
                }
            });
            ExecutorService wearerThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "wearer-w1"));
            try {
                LiveWearer w = new LiveWearer("w1", "W", PipelineParams.DEFAULT, CATALOGUE, bus, new PostureListener() { },
                        ticking(100_000_000), 20, Optional.empty());
                LiveControls controls = new LiveControls();
                controls.add(w);
                Session session = Scenario.parse("s", "calibrate 12s; upright 30s").compile(5);
                AtomicReference<Thread> ran = new AtomicReference<>();
                // The first half of the session, then a viewer's request from this thread, then the rest.
                List<ImuSample> samples = new ArrayList<>();
                Simulation.run(session, Simulation.Config.of(100, SensorNoise.REALISTIC, Mountings.random(5)), s -> samples.add(s.imu().copy()));
                int half = samples.size() * 3 / 4;
                wearerThread.submit(() -> samples.subList(0, half).forEach(w::onSample)).get();
                assertFalse(controls.recalibrate("nobody"));
                assertFalse(controls.drillDone("w1", "pelvic_tilts"), "no drill on the card");
                assertTrue(controls.recalibrate("w1"));
                int startedBefore = (int) events.stream().filter(e -> e instanceof LiveEvent.Calibration c && c.phase() == LiveEvent.CalibrationPhase.STARTED).count();
                assertEquals(1, startedBefore, "queued, not run by the caller");
                wearerThread.submit(() -> {
                    ran.set(Thread.currentThread());
                    w.runRequests();
                    samples.subList(half, samples.size()).forEach(w::onSample);
                }).get();
                assertEquals(1, w.requestsRun());
                List<LiveEvent.Calibration> cal = events.stream().filter(e -> e instanceof LiveEvent.Calibration).map(e -> (LiveEvent.Calibration) e).toList();
                assertEquals(2, cal.stream().filter(c -> c.phase() == LiveEvent.CalibrationPhase.STARTED).count(), "recalibration began");
                assertTrue(threads.stream().allMatch("wearer-w1"::equals), "events from the wearer's thread only: " + threads);
                assertEquals("wearer-w1", ran.get().getName());
            } finally {
                wearerThread.shutdownNow();
                wearerThread.awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
