package io.spinewatch.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.feedback.DrillCatalogue;
import io.spinewatch.ingest.IngestSink;
import io.spinewatch.ingest.Source;
import io.spinewatch.ingest.SourceStats;
import io.spinewatch.live.LiveBus;
import io.spinewatch.live.LiveEvent;
import io.spinewatch.pipeline.LiveControls;
import io.spinewatch.pipeline.PipelineParams;
import io.spinewatch.posture.CalibrationStore;
import io.spinewatch.protocol.Command;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.sim.Mountings;
import io.spinewatch.sim.Scenario;
import io.spinewatch.sim.SensorNoise;
import io.spinewatch.sim.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WearerHubTest {

    /** A source the test drives by hand: it hands samples to the hub's sink and keeps the commands sent back. */
    static final class HandSource implements Source {
        final IngestSink sink;
        final List<Command> sent = new ArrayList<>();

        HandSource(IngestSink sink) {
            this.sink = sink;
        }

        @Override
        public String name() {
            return "hand";
        }

        @Override
        public void start() {
        }

        @Override
        public void stop() {
        }

        @Override
        public synchronized boolean send(String wearerId, Command command) {
            sent.add(command);
            return true;
        }

        @Override
        public SourceStats stats() {
            throw new UnsupportedOperationException("not used");
        }
    }

    /** The tests feed samples far faster than real time: a time scale of 100 sizes the rings for that. */
    static WearerHub hub(LiveBus bus, boolean advanceWhenQuiet) {
        return new WearerHub(bus, new LiveControls(), PipelineParams.DEFAULT, DrillCatalogue.bundled(), 2, 100,
                advanceWhenQuiet, MonitorOutput.NONE, Optional.empty());
    }

    static void await(java.util.function.BooleanSupplier c, long millis, String what) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    /** 30 s of a calibrated, upright wearer, as fast as it can be fed. */
    static void feedUpright(HandSource source, String wearer) {
        Simulation.run(Scenario.parse("u", "calibrate 12s; upright 18s").compile(2),
                Simulation.Config.of(100, SensorNoise.REALISTIC, Mountings.random(2)), s -> source.sink.onSample(wearer, s.imu()));
    }

    @Nested
    class Silence {
        @Test
        void aWearerWhoseSamplesStopTurnsNoSignalOnTheTimer() throws Exception {
            LiveBus bus = new LiveBus();
            try (WearerHub hub = hub(bus, true)) {
                HandSource source = hub.attach(HandSource::new);
                feedUpright(source, "ann");
                await(() -> bus.latest("ann").map(s -> s.state().equals("upright")).orElse(false), 20_000, "upright");
                await(() -> bus.latest("ann").map(s -> s.state().equals("no_signal")).orElse(false), 10_000, "no_signal");
                assertTrue(bus.latest("ann").orElseThrow().sensors().values().stream().allMatch(h -> h.silent()));
            }
        }

        @Test
        void withoutTheTimerAQuietWearerKeepsItsLastState() throws Exception {
            LiveBus bus = new LiveBus();
            try (WearerHub hub = hub(bus, false)) {
                HandSource source = hub.attach(HandSource::new);
                feedUpright(source, "ann");
                await(() -> bus.latest("ann").map(s -> s.state().equals("upright")).orElse(false), 20_000, "upright");
                assertEquals(0, hub.droppedSamples());
                Thread.sleep(2 * WearerHub.QUIET_MILLIS + 2 * WearerHub.TICK_MILLIS);
                assertEquals("upright", bus.latest("ann").orElseThrow().state());
            }
        }
    }

    @Nested
    class SeveralSources {
        @Test
        void oneWearerOnTwoSourcesIsOneWearerAndTheBuzzGoesThroughTheUpperSensorsSource() throws Exception {
            LiveBus bus = new LiveBus();
            try (WearerHub hub = hub(bus, false)) {
                hub.profiles(java.util.Map.of("ann", new WearerProfile("Ann", Optional.empty())));
                HandSource upperPort = hub.attach(HandSource::new);
                HandSource lowerPort = hub.attach(HandSource::new);
                // The lower port is heard first, so it is the one the wearer was created from.
                Simulation.run(Scenario.parse("s", "calibrate 12s; upright 5s; slouch 45s").compile(3),
                        Simulation.Config.of(100, SensorNoise.REALISTIC, Mountings.random(3)), s -> {
                            if (s.imu().slot() != SensorSlot.UPPER) lowerPort.sink.onSample("ann", s.imu());
                            else if (s.imu().deviceTimeMicros() >= 50_000) upperPort.sink.onSample("ann", s.imu());
                        });
                await(() -> bus.latest("ann").map(w -> w.alertsToday() > 0).orElse(false), 20_000, "the slouch alert");
                await(() -> hub.hapticsSent() > 0, 5_000, "the buzz");
                assertEquals(List.of("ann"), List.copyOf(hub.wearerIds()));
                assertEquals(3, bus.latest("ann").orElseThrow().sensors().size(), "all three sensors in one wearer");
                assertEquals("Ann", bus.latest("ann").orElseThrow().name(), "the profile's name");
                assertEquals(1, upperPort.sent.size(), "the buzz goes to the upper sensor's port");
                assertTrue(lowerPort.sent.isEmpty());
            }
        }
    }

    @Nested
    class Oddities {
        @Test
        void unknownSlotsAndASecondDeviceOnASlotAreCountedNotFatal() throws Exception {
            LiveBus bus = new LiveBus();
            try (WearerHub hub = hub(bus, false)) {
                HandSource source = hub.attach(HandSource::new);
                ImuSample s = new ImuSample();
                source.sink.onSample("bo", s.set(7, null, 0, 0, 0, 0, 9.8, 0, 0, 0));
                source.sink.onSample("bo", s.set(7, SensorSlot.UPPER, 1, 10_000, 0, 0, 9.8, 0, 0, 0));
                source.sink.onSample("bo", s.set(8, SensorSlot.UPPER, 1, 10_000, 0, 0, 9.8, 0, 0, 0));
                source.sink.onSample("bo", s.set(8, SensorSlot.UPPER, 2, 20_000, 0, 0, 9.8, 0, 0, 0));
                assertEquals(1, hub.unknownSlotSamples());
                assertEquals(2, hub.foreignDeviceSamples());
                assertEquals(List.of("bo"), List.copyOf(hub.wearerIds()));
            }
        }

        @Test
        void aWearerIdTheLiveModelCannotShowIsDroppedNotFatal() throws Exception {
            try (WearerHub hub = hub(new LiveBus(), false)) {
                HandSource source = hub.attach(HandSource::new);
                source.sink.onSample("has space", new ImuSample().set(1, SensorSlot.UPPER, 0, 0, 0, 0, 9.8, 0, 0, 0));
                assertTrue(hub.wearerIds().isEmpty());
            }
        }
    }

    /** Posture states in the order the hub reported them (any thread). */
    static final class States implements MonitorOutput {
        final List<String> states = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void posture(String wearerId, String json) {
            int i = json.indexOf("\"state\":\"") + 9;
            states.add(json.substring(i, json.indexOf('"', i)));
        }

        @Override
        public void alert(String wearerId, String json) {
        }

        String first() {
            return states.get(0);
        }
    }

    static WearerHub hub(LiveBus bus, MonitorOutput output, CalibrationStore store, boolean useStored) {
        return new WearerHub(bus, new LiveControls(), PipelineParams.DEFAULT, DrillCatalogue.bundled(), 2, 100, false,
                output, Optional.empty(), Optional.of(store), useStored);
    }

    @Nested
    class StoredCalibrations {
        @TempDir
        Path dir;

        /** A first hub: ann does the routine, which is stored. */
        CalibrationStore calibrateOnce() throws Exception {
            CalibrationStore store = new CalibrationStore(dir);
            LiveBus bus = new LiveBus();
            States out = new States();
            try (WearerHub hub = hub(bus, out, store, true)) {
                HandSource source = hub.attach(HandSource::new);
                feedUpright(source, "ann");
                await(() -> bus.latest("ann").map(s -> s.state().equals("upright")).orElse(false), 20_000, "upright");
            }
            assertEquals("calibrating", out.first());
            return store;
        }

        @Test
        void aSuccessfulRoutineIsSaved() throws Exception {
            CalibrationStore store = calibrateOnce();
            assertTrue(Files.isRegularFile(store.file("ann")));
            assertEquals(3, store.load("ann").orElseThrow().sensors().size());
        }

        @Test
        void aReturningWearerStartsCalibrated() throws Exception {
            calibrateOnce();
            LiveBus bus = new LiveBus();
            States out = new States();
            List<LiveEvent> started = Collections.synchronizedList(new ArrayList<>());
            try (WearerHub hub = hub(bus, out, new CalibrationStore(dir), true);
                    LiveBus.Subscription sub = bus.subscribe(e -> {
                        if (e instanceof LiveEvent.Calibration c && c.phase() == LiveEvent.CalibrationPhase.STARTED) started.add(e);
                    })) {
                HandSource source = hub.attach(HandSource::new);
                feedUpright(source, "ann");
                await(() -> bus.latest("ann").map(s -> s.state().equals("upright")).orElse(false), 20_000, "upright");
            }
            assertNotEquals("calibrating", out.first());
            assertFalse(out.states.contains("calibrating"), out.states.toString());
            assertTrue(started.isEmpty(), started.toString());
        }

        @Test
        void withoutUsingTheStoreEveryWearerCalibratesAfresh() throws Exception {
            calibrateOnce();
            LiveBus bus = new LiveBus();
            States out = new States();
            try (WearerHub hub = hub(bus, out, new CalibrationStore(dir), false)) {
                HandSource source = hub.attach(HandSource::new);
                feedUpright(source, "ann");
                await(() -> bus.latest("ann").map(s -> s.state().equals("upright")).orElse(false), 20_000, "upright");
            }
            assertEquals("calibrating", out.first());
        }

        @Test
        void aBadStoredFileMeansARoutine() throws Exception {
            CalibrationStore store = new CalibrationStore(dir);
            Files.createDirectories(store.directory());
            Files.writeString(store.file("ann"), "not a calibration");
            LiveBus bus = new LiveBus();
            States out = new States();
            try (WearerHub hub = hub(bus, out, store, true)) {
                HandSource source = hub.attach(HandSource::new);
                feedUpright(source, "ann");
                await(() -> bus.latest("ann").map(s -> s.state().equals("upright")).orElse(false), 20_000, "upright");
            }
            assertEquals("calibrating", out.first());
            assertEquals(1, store.badFiles());
            assertTrue(store.load("ann").isPresent(), "the routine's calibration replaced the bad file");
        }
    }
}
