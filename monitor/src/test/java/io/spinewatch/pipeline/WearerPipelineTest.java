package io.spinewatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.posture.Calibration;
import io.spinewatch.posture.PosturePattern;
import io.spinewatch.posture.PostureState;
import io.spinewatch.posture.SpineAngles;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.protocol.SensorSlot;
import io.spinewatch.sim.Mountings;
import io.spinewatch.sim.Scenario;
import io.spinewatch.sim.SensorNoise;
import io.spinewatch.sim.Session;
import io.spinewatch.sim.SimulatedSample;
import io.spinewatch.sim.Simulation;
import io.spinewatch.sim.SimulationListener;
import io.spinewatch.sim.TruthFrame;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class WearerPipelineTest {
    static final String SLOUCH = "calibrate 12s; upright 30s; slouch 50s; upright 20s";

    static ScenarioRun run(String script, long seed, int mask) {
        Session s = Scenario.parse("t", script).compile(seed);
        return ScenarioRun.run(s, SensorNoise.REALISTIC, Mountings.random(seed), PipelineParams.DEFAULT, mask);
    }

    /** Samples of a session, copied so that replaying them allocates nothing on the simulator's side. */
    static List<ImuSample> samples(String script, long seed, boolean sway) {
        Session s = Scenario.parse("t", script).compile(seed, io.spinewatch.sim.BodyGeometry.ADULT, sway);
        List<ImuSample> out = new ArrayList<>();
        Simulation.run(s, Simulation.Config.of(100, SensorNoise.REALISTIC, Mountings.random(seed)).withBodySway(sway),
                new SimulationListener() {
                    @Override
                    public void onSample(SimulatedSample x) {
                        out.add(x.imu().copy());
                    }

                    @Override
                    public void onTruth(TruthFrame f) {
                    }
                });
        return out;
    }

    static double rmse(ScenarioRun r, int column) {
        double se = 0;
        int n = 0;
        for (int k = 0; k < r.angles.size(); k++) {
            SpineAngles a = r.angles.get(k);
            if (r.states.get(k) == PostureState.CALIBRATING || r.states.get(k) == PostureState.NO_SIGNAL) continue;
            double v = new double[] {a.lumbarFlexionDeg(), a.thoracicFlexionDeg(), a.pelvicTiltDeg(), a.trunkLeanDeg()}[column - 1];
            double d = v - r.truth.get(r.truthIndex(a.tSeconds()))[column];
            se += d * d;
            n++;
        }
        return Math.sqrt(se / n);
    }

    @Nested
    class SensorSubsets {
        @Test
        void upperAloneGivesTrunkLeanAndCallsTheSlouchAForwardLean() {
            ScenarioRun r = run(SLOUCH, 21, SensorSet.UPPER);
            for (int k = 0; k < r.angles.size(); k++) {
                SpineAngles a = r.angles.get(k);
                assertFalse(a.hasLumbarFlexion() || a.hasThoracicFlexion() || a.hasPelvicTilt());
                PostureState st = r.states.get(k);
                if (st != PostureState.CALIBRATING && st != PostureState.NO_SIGNAL) assertTrue(a.hasTrunkLean(), "at " + a.tSeconds());
            }
            assertTrue(rmse(r, 4) < 2, "lean rmse " + rmse(r, 4));
            assertTrue(r.changes.stream().anyMatch(c -> c.to() == PostureState.SLOUCHED
                    && c.pattern().orElse(null) == PosturePattern.FORWARD_LEAN), r.changes.toString());
        }

        @Test
        void midAndPelvisGiveLumbarFlexionAndPelvicTilt() {
            ScenarioRun r = run(SLOUCH, 22, SensorSet.MID | SensorSet.PELVIS);
            SpineAngles last = r.angles.get(r.angles.size() - 1);
            assertTrue(last.hasLumbarFlexion() && last.hasPelvicTilt());
            assertFalse(last.hasThoracicFlexion() || last.hasTrunkLean());
            assertTrue(rmse(r, 1) < 2 && rmse(r, 3) < 2);
            assertEquals(1, r.slouchAlerts().size());
        }

        @Test
        void upperAndMidGiveThoracicFlexionAndTrunkLean() {
            ScenarioRun r = run(SLOUCH, 23, SensorSet.UPPER | SensorSet.MID);
            SpineAngles last = r.angles.get(r.angles.size() - 1);
            assertTrue(last.hasThoracicFlexion() && last.hasTrunkLean());
            assertFalse(last.hasLumbarFlexion() || last.hasPelvicTilt());
            assertTrue(rmse(r, 2) < 2 && rmse(r, 4) < 2);
        }
    }

    @Nested
    class Calibrating {
        @Test
        void aRequestedRecalibrationRunsTheRoutineAgain() {
            List<ImuSample> xs = samples("calibrate 12s; upright 20s; calibrate 12s; upright 20s", 5, true);
            ScenarioRun sink = new ScenarioRun(null);
            WearerPipeline p = new WearerPipeline(PipelineParams.DEFAULT, ScenarioRun.CATALOGUE, sink);
            p.calibrateDuring(0, 12);
            boolean requested = false;
            for (ImuSample s : xs) {
                if (!requested && s.deviceTimeMicros() > 32_000_000) {
                    p.requestCalibration(12);
                    requested = true;
                }
                p.onSample(s);
            }
            p.finish();
            assertEquals(2, sink.calibrations.size());
            assertTrue(sink.calibrations.get(1).hingeDetected(), sink.calibrations.get(1).toString());
            long calibratingChanges = sink.changes.stream().filter(c -> c.to() == PostureState.CALIBRATING).count();
            assertEquals(2, calibratingChanges);
        }

        @Test
        void aStoredCalibrationNeedsNoRoutine() {
            ScenarioRun first = run(SLOUCH, 24, ScenarioRun.ALL);
            Calibration stored = Calibration.parse(first.calibrations.get(0).calibration().orElseThrow().toText());
            List<ImuSample> xs = samples(SLOUCH, 24, true);
            ScenarioRun sink = new ScenarioRun(null);
            WearerPipeline p = new WearerPipeline(PipelineParams.DEFAULT, ScenarioRun.CATALOGUE, sink);
            p.useCalibration(stored);
            xs.forEach(p::onSample);
            p.finish();
            assertTrue(sink.calibrations.isEmpty());
            assertFalse(sink.changes.stream().anyMatch(c -> c.to() == PostureState.CALIBRATING));
            assertEquals(1, sink.alerts.size());
        }

        @Test
        void withoutAWindowTheFirstSecondsAreUsedAndAHingeInThemIsFound() {
            List<ImuSample> xs = samples(SLOUCH, 25, true);
            ScenarioRun sink = new ScenarioRun(null);
            WearerPipeline p = new WearerPipeline(PipelineParams.DEFAULT, ScenarioRun.CATALOGUE, sink);
            xs.forEach(p::onSample);
            p.finish();
            assertEquals(1, sink.calibrations.size());
            assertTrue(sink.calibrations.get(0).hingeDetected());
            // The automatic window (20 s at most) ends once the routine has been seen: hinge back at 10.6 s, then 1 s still.
            double length = sink.calibrations.get(0).endSeconds() - sink.calibrations.get(0).startSeconds();
            assertTrue(length > 11 && length < 14, "window " + length);
        }
    }

    @Nested
    class Dropouts {
        @Test
        void aSilentSensorIsNoSignalThenBackWithoutAnAlert() {
            List<ImuSample> xs = samples("calibrate 12s; upright 60s", 26, true);
            ScenarioRun sink = new ScenarioRun(null);
            WearerPipeline p = new WearerPipeline(PipelineParams.DEFAULT, ScenarioRun.CATALOGUE, sink);
            p.calibrateDuring(0, 12);
            for (ImuSample s : xs) {
                double t = s.deviceTimeMicros() * 1e-6;
                if (s.slot() == SensorSlot.MID && t > 30 && t < 34) continue;
                p.onSample(s);
            }
            p.finish();
            assertTrue(sink.statuses.stream().anyMatch(st -> st.slot() == SensorSlot.MID && st.silent()));
            assertTrue(sink.statuses.stream().anyMatch(st -> st.slot() == SensorSlot.MID && !st.silent()));
            assertTrue(sink.changes.stream().anyMatch(c -> c.to() == PostureState.NO_SIGNAL && c.tSeconds() > 30 && c.tSeconds() < 32.5));
            assertEquals(PostureState.UPRIGHT, p.state());
            assertTrue(sink.alerts.isEmpty());
        }
    }

    @Nested
    class LostSensor {
        @Test
        void aSensorGoneForGoodIsLeftOutAndTheOthersCarryOn() {
            List<ImuSample> xs = samples("calibrate 12s; upright 30s; slouch 60s; upright 20s", 28, true);
            ScenarioRun sink = new ScenarioRun(null);
            WearerPipeline p = new WearerPipeline(PipelineParams.DEFAULT, ScenarioRun.CATALOGUE, sink);
            p.calibrateDuring(0, 12);
            for (ImuSample s : xs) {
                if (s.slot() == SensorSlot.PELVIS && s.deviceTimeMicros() > 20_000_000) continue;
                p.onSample(s);
            }
            p.finish();
            assertEquals(SensorSet.UPPER | SensorSet.MID, p.activeMask());
            SpineAngles last = sink.angles.get(sink.angles.size() - 1);
            assertFalse(last.hasPelvicTilt() || last.hasLumbarFlexion());
            assertTrue(last.hasThoracicFlexion() && last.hasTrunkLean());
            assertEquals(PostureState.UPRIGHT, p.state());
            // No signal only for the first 30 s of the loss.
            double noSignalSeconds = sink.states.stream().filter(st -> st == PostureState.NO_SIGNAL).count() * 0.1;
            assertEquals(30, noSignalSeconds, 1.5);
        }
    }

    @Nested
    class HotPath {
        @Test
        void steadySeatedSamplesAllocateNothing() {
            List<ImuSample> xs = samples("calibrate 12s; upright 90s", 27, false);
            ScenarioRun sink = new ScenarioRun(null);
            WearerPipeline p = new WearerPipeline(PipelineParams.DEFAULT.withAnglesEnabled(false), ScenarioRun.CATALOGUE, sink);
            p.calibrateDuring(0, 12);
            int half = xs.size() / 2;
            int threeQuarters = xs.size() * 3 / 4;
            for (int i = 0; i < half; i++) p.onSample(xs.get(i)); // calibrated and settled, JIT warm
            for (int i = 0; i < half / 2; i++) p.onSample(xs.get(i)); // old times: rejected, but exercised
            long first = allocatedDuring(() -> {
                for (int i = half; i < threeQuarters; i++) p.onSample(xs.get(i));
            });
            // The second stretch is measured once the first has settled whatever the runtime allocates once
            // (compilation, class loading on this thread).
            long bytes = allocatedDuring(() -> {
                for (int i = threeQuarters; i < xs.size(); i++) p.onSample(xs.get(i));
            });
            int n = xs.size() - threeQuarters;
            System.out.println("hot path: " + first + " then " + bytes + " bytes for " + n + " samples");
            assertTrue(sink.changes.stream().noneMatch(c -> c.tSeconds() > 50), "steady: no events in the measured part");
            assertTrue(bytes < 1024, bytes + " bytes for " + n + " samples"); // measured: 0
        }

        long allocatedDuring(Runnable body) {
            java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
            com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
            Assumptions.assumeTrue(sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled(),
                    "per-thread allocation counter disabled");
            long before = sun.getCurrentThreadAllocatedBytes();
            body.run();
            return sun.getCurrentThreadAllocatedBytes() - before;
        }
    }

    /**
     * Sitting up out of a slouch moves the pelvis forward like half a pelvic tilt. Without a prompt (the slouch is
     * shorter than the alert hold) that movement must not be counted as a repetition of the tilts that follow.
     */
    @Nested
    class UnpromptedAfterASlouch {
        static final long[] SEEDS = {41, 42, 43, 44, 45};

        List<io.spinewatch.feedback.DrillSet> sets(String script, long seed) {
            ScenarioRun r = run(script, seed, ScenarioRun.ALL);
            assertTrue(r.alerts.isEmpty(), "the slouch is shorter than the hold: no alert, no prompt " + r.alerts);
            return r.drills;
        }

        @Test
        void aSitUpAndTwoTiltsAreNoSet() {
            for (long seed : SEEDS) {
                List<io.spinewatch.feedback.DrillSet> sets =
                        sets("calibrate 12s; upright 30s; slouch 20s; upright 5s; pelvic_tilts 2 reps; upright 60s", seed);
                assertTrue(sets.isEmpty(), "seed " + seed + ": " + sets);
            }
        }

        @Test
        void tiltsStraightOutOfASlouchCountOnlyTheTilts() {
            for (long seed : SEEDS) {
                List<io.spinewatch.feedback.DrillSet> sets =
                        sets("calibrate 12s; upright 30s; slouch 20s; pelvic_tilts 5 reps; upright 60s", seed);
                assertEquals(1, sets.size(), "seed " + seed + ": " + sets);
                assertEquals(5, sets.get(0).reps(), "seed " + seed + ": " + sets);
            }
        }

        @Test
        void tiltsShortlyAfterASlouchCountOnlyTheTilts() {
            for (long seed : SEEDS) {
                List<io.spinewatch.feedback.DrillSet> sets =
                        sets("calibrate 12s; upright 30s; slouch 20s; upright 5s; pelvic_tilts 5 reps; upright 60s", seed);
                assertEquals(1, sets.size(), "seed " + seed + ": " + sets);
                assertEquals(5, sets.get(0).reps(), "seed " + seed + ": " + sets);
            }
        }
    }

    /**
     * The simulated slouch rounds the whole back and is reported as {@code posterior_pelvic_tilt}; its alert and
     * the reminder two minutes later each bring a drill, and both must be drills the sensors count.
     */
    @Nested
    class PromptedDrills {
        @Test
        void aLongRoundedBackSlouchGetsCountedPelvicTiltsAtTheAlertAndTheReminder() {
            for (long seed : new long[] {51, 52}) {
                List<DrillPrompt> prompts = new ArrayList<>();
                Session s = Scenario.parse("t", "calibrate 12s; upright 30s; slouch 170s; upright 20s").compile(seed);
                WearerPipeline p = new WearerPipeline(PipelineParams.DEFAULT, ScenarioRun.CATALOGUE, new PostureListener() {
                    @Override
                    public void onDrillPrompt(DrillPrompt prompt) {
                        prompts.add(prompt);
                    }
                });
                p.calibrateDuring(s.calibration().startS(), s.calibration().endS());
                Simulation.run(s, Simulation.Config.of(100, SensorNoise.REALISTIC, Mountings.random(seed)), new SimulationListener() {
                    @Override
                    public void onSample(SimulatedSample x) {
                        p.onSample(x.imu());
                    }

                    @Override
                    public void onTruth(TruthFrame f) {
                    }
                });
                p.finish();
                assertEquals(2, prompts.size(), "seed " + seed + ": the alert and one reminder " + prompts);
                for (DrillPrompt d : prompts) {
                    assertEquals(PosturePattern.POSTERIOR_PELVIC_TILT, d.cause().pattern().orElseThrow(), "seed " + seed);
                    assertEquals("seated_pelvic_tilt", d.drill().id(), "seed " + seed + " at " + d.tSeconds());
                    assertTrue(d.counted(), "seed " + seed + " at " + d.tSeconds());
                }
            }
        }
    }

    /** Masks by slot, for readability. */
    static final class SensorSet {
        static final int UPPER = 1, MID = 2, PELVIS = 4;
    }

    /** A wearer's Done or Skip on the dashboard ends the counting of the prompted drill at once. */
    @Nested
    class EndingAPromptedDrill {
        static final String PROMPTED = "calibrate 12s; upright 30s; slouch 120s; upright 15s; pelvic_tilts 8 reps; upright 90s";

        record Outcome(List<io.spinewatch.feedback.DrillSet> sets, int repsWhenEnded, boolean ended) {
        }

        /** Feeds the session, ending the prompted drill once {@code afterReps} repetitions were counted. */
        Outcome run(int afterReps, boolean done) {
            List<io.spinewatch.feedback.DrillSet> sets = new ArrayList<>();
            List<DrillPrompt> prompts = new ArrayList<>();
            WearerPipeline p = new WearerPipeline(PipelineParams.DEFAULT, io.spinewatch.feedback.DrillCatalogue.bundled(),
                    new PostureListener() {
                        @Override
                        public void onDrillPrompt(DrillPrompt prompt) {
                            prompts.add(prompt);
                        }

                        @Override
                        public void onDrillSet(io.spinewatch.feedback.DrillSet set) {
                            sets.add(set);
                        }
                    });
            int repsWhenEnded = -1;
            boolean ended = false;
            for (ImuSample s : samples(PROMPTED, 31, false)) {
                p.onSample(s);
                if (repsWhenEnded < 0 && p.promptedDrillReps().orElse(0) >= afterReps) {
                    repsWhenEnded = p.promptedDrillReps().getAsInt();
                    ended = p.endPromptedDrill(prompts.get(prompts.size() - 1).drill().id(), done);
                }
            }
            p.finish();
            assertFalse(prompts.isEmpty(), "the slouch was alerted and a drill prompted");
            assertTrue(repsWhenEnded >= afterReps, "the prompted drill was being counted");
            return new Outcome(sets, repsWhenEnded, ended);
        }

        @Test
        void skippedMidwayReportsNoPromptedSetLater() {
            Outcome o = run(3, false);
            assertTrue(o.ended());
            assertTrue(o.sets().stream().noneMatch(io.spinewatch.feedback.DrillSet::prompted), o.sets().toString());
        }

        @Test
        void doneMidwayReportsTheRepetitionsCountedSoFarOnce() {
            Outcome o = run(4, true);
            assertTrue(o.ended());
            List<io.spinewatch.feedback.DrillSet> prompted =
                    o.sets().stream().filter(io.spinewatch.feedback.DrillSet::prompted).toList();
            assertEquals(1, prompted.size(), o.sets().toString());
            assertEquals(o.repsWhenEnded(), prompted.get(0).reps());
        }

        @Test
        void anotherDrillsIdEndsNothing() {
            WearerPipeline p = new WearerPipeline(PipelineParams.DEFAULT, io.spinewatch.feedback.DrillCatalogue.bundled(),
                    new PostureListener() { });
            assertFalse(p.endPromptedDrill("chin_tucks", true));
        }
    }
}
