package io.spinewatch.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.feedback.HapticPattern;
import io.spinewatch.live.LiveBus;
import io.spinewatch.live.LiveEvent;
import io.spinewatch.live.WearerSnapshot;
import io.spinewatch.pipeline.LiveControls;
import io.spinewatch.pipeline.PipelineParams;
import io.spinewatch.protocol.DecoderCounters;
import io.spinewatch.protocol.HapticCommand;
import io.spinewatch.sim.Scenario;
import io.spinewatch.sim.Session;
import io.spinewatch.sim.TruthState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The demo machinery headless at high speed: simulator, native frames, real decoder, pipeline, live bus. */
class DemoTest {
    static final long SEED = 1;
    static final Session FIRST = Scenario.named("demo").compile(SEED);
    static final double HOLD_SECONDS = PipelineParams.DEFAULT.alerts().holdSeconds();
    static final List<LiveEvent> events = new CopyOnWriteArrayList<>();
    static SimulatedDevice device;
    static double simulatedSeconds;

    @BeforeAll
    static void runTheDemo() throws InterruptedException {
        LiveBus bus = new LiveBus();
        bus.subscribe(events::add);
        // The whole first session and a minute of the second, at 300x.
        double until = FIRST.durationS() + 60;
        try (Demo demo = Demo.start(new Demo.Settings(1, Scenario.named("demo"), SEED, 300), bus, new LiveControls(), Optional.empty())) {
            device = demo.devices().get(0);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (device.simulatedSeconds() < until && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            simulatedSeconds = device.simulatedSeconds();
        }
        assertTrue(simulatedSeconds >= until, "simulated only " + simulatedSeconds + " s");
    }

    static List<WearerSnapshot> snapshots() {
        return events.stream().filter(e -> e instanceof LiveEvent.Snapshot).map(e -> ((LiveEvent.Snapshot) e).snapshot()).toList();
    }

    /** Session time of a wearer time: the wearer timeline starts at the first sample, within one step. */
    static double sessionTime(double wearerSeconds) {
        return wearerSeconds - snapshots().get(0).tSeconds();
    }

    @Nested
    class States {
        @Test
        void snapshotsGoFromCalibratingToUpright() {
            List<WearerSnapshot> s = snapshots();
            assertEquals("calibrating", s.get(0).state());
            String firstAfter = s.stream().map(WearerSnapshot::state).filter(x -> !x.equals("calibrating")).findFirst().orElseThrow();
            assertEquals("upright", firstAfter);
            double calibrationEnd = FIRST.calibration().endS();
            assertTrue(s.stream().anyMatch(x -> x.state().equals("upright") && sessionTime(x.tSeconds()) < FIRST.episodes().stream()
                    .filter(e -> e.state() == TruthState.SLOUCHED).findFirst().orElseThrow().startS()), "upright before the first slouch");
            assertTrue(calibrationEnd > 0);
        }

        @Test
        void snapshotTimesOnlyMoveForwardAcrossTheSessionBoundary() {
            List<WearerSnapshot> s = snapshots();
            for (int i = 1; i < s.size(); i++) {
                assertTrue(s.get(i).tSeconds() >= s.get(i - 1).tSeconds(), "time went back at " + s.get(i).tSeconds());
            }
            assertTrue(device.sessions() >= 2);
            assertTrue(sessionTime(s.get(s.size() - 1).tSeconds()) > FIRST.durationS() + 30, "the second session was monitored");
            assertFalse(s.stream().filter(x -> sessionTime(x.tSeconds()) > FIRST.durationS())
                    .anyMatch(x -> x.state().equals("no_signal") || x.state().equals("calibrating")), "the second session continues seamlessly");
        }
    }

    @Nested
    class Alerts {
        List<LiveEvent.Alert> slouchAlerts() {
            return events.stream().filter(e -> e instanceof LiveEvent.Alert a && a.alert().kind().equals("slouch"))
                    .map(e -> (LiveEvent.Alert) e).toList();
        }

        @Test
        void everyLongSlouchOfTheScenarioIsAlertedOnceAfterTheHold() {
            List<Session.Episode> slouches = FIRST.episodes().stream()
                    .filter(e -> e.state() == TruthState.SLOUCHED && e.endS() - e.startS() >= HOLD_SECONDS + 5).toList();
            assertFalse(slouches.isEmpty());
            for (Session.Episode e : slouches) {
                List<Double> inside = slouchAlerts().stream().map(a -> sessionTime(a.tSeconds()))
                        .filter(t -> t >= e.startS() + HOLD_SECONDS - 3 && t <= e.endS() + 2).toList();
                assertEquals(1, inside.size(), "slouch " + e.startS() + ".." + e.endS() + ": alerts at " + inside);
            }
        }

        @Test
        void noSlouchAlertOutsideASlouchEpisode() {
            for (LiveEvent.Alert a : slouchAlerts()) {
                double t = sessionTime(a.tSeconds()) % FIRST.durationS();
                assertTrue(FIRST.episodes().stream().anyMatch(e -> e.state() == TruthState.SLOUCHED && t >= e.startS() && t <= e.endS() + 2),
                        "slouch alert at session time " + t);
            }
        }

        @Test
        void eachDeliveredAlertBuzzedTheSimulatedDeviceWithItsPattern() {
            long delivered = events.stream().filter(e -> e instanceof LiveEvent.Alert a && a.alert().delivered()).count();
            List<HapticCommand> buzzes = device.hapticsReceived();
            assertEquals(delivered, buzzes.size());
            HapticCommand first = buzzes.get(0);
            assertEquals(HapticPattern.SLOUCH.pulses(), first.pulseCount());
            assertEquals(HapticPattern.SLOUCH.pulseMs(), first.pulseMillis());
        }

        @Test
        void snapshotsCountTheAlertsOfTheDay() {
            List<WearerSnapshot> s = snapshots();
            long delivered = events.stream().filter(e -> e instanceof LiveEvent.Alert a && a.alert().delivered()).count();
            assertEquals(delivered, s.get(s.size() - 1).alertsToday(), 1, "the last alert may come after the last snapshot");
        }
    }

    @Nested
    class Wire {
        @Test
        void framesDecodeCleanlyAndOnlyTheSimulatedDropoutsAreLost() {
            DecoderCounters.Snapshot d = device.stats().decoder();
            assertEquals(0, d.integrityFailures() + d.malformedFrames() + d.bytesSkipped());
            assertTrue(d.samplesDecoded() > simulatedSeconds * 300 * 0.95, "samples " + d.samplesDecoded());
            assertTrue(d.samplesLostTotal() < d.samplesDecoded() * 0.02, "lost " + d.samplesLostTotal());
        }
    }
}
