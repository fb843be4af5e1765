package io.spinewatch.feedback;

import static io.spinewatch.posture.PostureState.SLOUCHED;
import static io.spinewatch.posture.PostureState.STANDING;
import static io.spinewatch.posture.PostureState.UPRIGHT;
import static io.spinewatch.posture.PostureState.WALKING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.posture.PostureState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UnpromptedDrillDetectorTest {

    /** Feeds a pelvis signal and a rotation signal (either may be null: NaN) and collects the sets. */
    private static List<DrillSet> run(UnpromptedDrillDetector d, PostureState state, Signals pelvis, Signals rotation) {
        List<DrillSet> sets = new ArrayList<>();
        int n = Math.max(pelvis == null ? 0 : pelvis.samples.size(), rotation == null ? 0 : rotation.samples.size());
        for (int i = 0; i < n; i++) {
            double t = (pelvis != null && i < pelvis.samples.size() ? pelvis.samples.get(i) : rotation.samples.get(i))[0];
            double p = pelvis != null && i < pelvis.samples.size() ? pelvis.samples.get(i)[1] : Double.NaN;
            double r = rotation != null && i < rotation.samples.size() ? rotation.samples.get(i)[1] : Double.NaN;
            d.update(t, state, p, r).ifPresent(sets::add);
        }
        return sets;
    }

    private static Signals tilts(long seed, int reps, double period) {
        Signals s = new Signals(seed, 0.5).rest(3);
        for (int i = 0; i < reps; i++) s.cosineRep(-12, period);
        return s.rest(40);
    }

    @Nested
    class Recognition {
        @Test
        void rhythmicPelvicTiltsWhileSeatedAreASet() {
            List<DrillSet> sets = run(new UnpromptedDrillDetector(), UPRIGHT, tilts(1, 6, 3), null);
            assertEquals(1, sets.size());
            DrillSet set = sets.get(0);
            assertEquals("seated_pelvic_tilt", set.drillId());
            assertEquals(RepSignal.PELVIC_TILT, set.signal());
            assertEquals(6, set.reps());
            assertFalse(set.prompted());
            assertEquals(3, set.startSeconds(), 1);
            assertEquals(3 + 6 * 3, set.endSeconds(), 1.5);
        }

        @Test
        void standingTiltsAreTheStandingDrill() {
            List<DrillSet> sets = run(new UnpromptedDrillDetector(), STANDING, tilts(2, 5, 4), null);
            assertEquals(1, sets.size());
            assertEquals("standing_pelvic_tilt", sets.get(0).drillId());
        }

        @Test
        void alternatingRotationsAreASetCountingEachSide() {
            Signals rot = new Signals(3, 1).rest(3).sine(30, 4, 5).rest(40);
            List<DrillSet> sets = run(new UnpromptedDrillDetector(), UPRIGHT, null, rot);
            assertEquals(1, sets.size());
            assertEquals("seated_thoracic_rotation", sets.get(0).drillId());
            assertEquals(10, sets.get(0).reps());
        }

        @Test
        void aLongPauseSplitsTwoSets() {
            Signals s = new Signals(4, 0.5).rest(3);
            for (int i = 0; i < 4; i++) s.cosineRep(-12, 3);
            s.rest(45);
            for (int i = 0; i < 5; i++) s.cosineRep(-12, 3);
            List<DrillSet> sets = run(new UnpromptedDrillDetector(), UPRIGHT, s.rest(40), null);
            assertEquals(List.of(4, 5), sets.stream().map(DrillSet::reps).toList());
            assertTrue(sets.get(1).startSeconds() > sets.get(0).endSeconds() + 40);
        }
    }

    /**
     * Sitting up out of a slouch tilts the pelvis forward by as much as a tilt drill does. Modelled on the
     * simulator's wearer through the pipeline: a 13 deg posterior slump, a 2 s sit-up after which the state leaves
     * slouched, and tilts that rock the pelvis back and then forward by 14 deg each way.
     */
    @Nested
    class SittingUpOutOfASlouch {
        static final double SLOUCH_TILT_DEG = 13;
        static final double SIT_UP_MOVE_SECONDS = 2;

        /** Sitting, a 20 s slouch, the sit-up, {@code restSeconds}, then {@code reps} tilts: the sets found. */
        List<DrillSet> afterSlouch(long seed, double restSeconds, int reps) {
            Signals s = new Signals(seed, 0.3).rest(3).move(SLOUCH_TILT_DEG, 5).rest(20);
            double sitUpT = s.time();
            s.move(-SLOUCH_TILT_DEG, SIT_UP_MOVE_SECONDS).rest(restSeconds).sine(14, 4, reps).rest(40);
            double slouchedFrom = 3 + 5; // confirmed 3 s after the rule is met, part-way into the slump
            double slouchedUntil = sitUpT + SIT_UP_MOVE_SECONDS;
            UnpromptedDrillDetector d = new UnpromptedDrillDetector();
            List<DrillSet> sets = new ArrayList<>();
            for (double[] x : s.samples) {
                PostureState state = x[0] >= slouchedFrom && x[0] < slouchedUntil ? SLOUCHED : UPRIGHT;
                d.update(x[0], state, x[1], Double.NaN).ifPresent(sets::add);
            }
            return sets;
        }

        @Test
        void aSitUpAndTwoTiltsAreNoSet() {
            for (long seed = 1; seed <= 5; seed++) {
                assertEquals(List.of(), afterSlouch(seed, 5, 2), "seed " + seed);
            }
        }

        @Test
        void onlyTheTiltsAfterTheSitUpCount() {
            for (long seed = 1; seed <= 5; seed++) {
                List<DrillSet> sets = afterSlouch(seed, 5, 5);
                assertEquals(List.of(5), sets.stream().map(DrillSet::reps).toList(), "seed " + seed + ": " + sets);
            }
        }

        @Test
        void tiltsWhileSlouchedAreNotCounted() {
            List<DrillSet> sets = run(new UnpromptedDrillDetector(), SLOUCHED, tilts(7, 6, 3), null);
            assertTrue(sets.isEmpty(), sets.toString());
        }
    }

    @Nested
    class NotADrill {
        @Test
        void twoRepsAreFidgeting() {
            assertTrue(run(new UnpromptedDrillDetector(), UPRIGHT, tilts(5, 2, 3), null).isEmpty());
        }

        @Test
        void irregularMovementsAreNotRhythmic() {
            Signals s = new Signals(6, 0.5).rest(3);
            // tilts at intervals 3, 12, 3.5, 14 s: never three in a steady rhythm
            double[] pauses = {0, 9, 0.5, 11, 0.5};
            for (double pause : pauses) s.rest(pause).cosineRep(-12, 3);
            assertTrue(run(new UnpromptedDrillDetector(), UPRIGHT, s.rest(40), null).isEmpty());
        }

        @Test
        void walkingNeverYieldsADrill() {
            assertTrue(run(new UnpromptedDrillDetector(), WALKING, tilts(7, 8, 3), null).isEmpty());
        }

        @Test
        void noiseAndPostureShiftsAreNotDrills() {
            Signals s = new Signals(8, 2).rest(60).move(-15, 1.5).rest(60).move(15, 1.5).rest(60);
            Signals r = new Signals(9, 2).rest(60).move(40, 2).rest(60).move(-40, 2).rest(60);
            assertTrue(run(new UnpromptedDrillDetector(), UPRIGHT, s, r).isEmpty());
        }

        @Test
        void missingSignalIsIgnored() {
            UnpromptedDrillDetector d = new UnpromptedDrillDetector();
            for (int i = 0; i < 3000; i++) {
                assertTrue(d.update(i * 0.02, UPRIGHT, Double.NaN, Double.NaN).isEmpty());
            }
            assertEquals(0, d.setsReported());
        }

        @Test
        void lostSignalInTheMiddleDropsTheRun() {
            UnpromptedDrillDetector d = new UnpromptedDrillDetector();
            Signals s = tilts(10, 8, 3);
            List<DrillSet> sets = new ArrayList<>();
            for (double[] x : s.samples) {
                PostureState state = x[0] > 11 && x[0] < 12 ? PostureState.NO_SIGNAL : UPRIGHT;
                d.update(x[0], state, x[1], Double.NaN).ifPresent(sets::add);
            }
            // the reps before the gap are forgotten; those after it still form a set
            assertEquals(1, sets.size());
            assertTrue(sets.get(0).reps() >= 3 && sets.get(0).reps() <= 5, "reps " + sets.get(0).reps());
            assertTrue(sets.get(0).startSeconds() > 12);
        }
    }

    @Nested
    class HotPath {
        @Test
        void updatesWithoutASetAllocateNothing() {
            Signals pelvis = new Signals(11, 1).rest(2000);
            Signals rot = new Signals(12, 1).rest(2000);
            UnpromptedDrillDetector d = new UnpromptedDrillDetector();
            int n = pelvis.samples.size();
            for (int i = 0; i < n / 2; i++) d.update(pelvis.samples.get(i)[0], UPRIGHT, pelvis.samples.get(i)[1], rot.samples.get(i)[1]);
            double[] t = new double[n];
            double[] p = new double[n];
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = pelvis.samples.get(i)[0];
                p[i] = pelvis.samples.get(i)[1];
                r[i] = rot.samples.get(i)[1];
            }
            long bytes = Allocations.during(() -> {
                for (int i = n / 2; i < n; i++) d.update(t[i], UPRIGHT, p[i], r[i]);
            });
            // any allocation per update costs at least 16 bytes each time; allow one-off runtime noise
            assertTrue(bytes < n / 2, bytes + " bytes over " + n / 2 + " updates");
        }
    }
}
