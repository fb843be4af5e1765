package io.spinewatch.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RepetitionCounterTest {
    private static final RepParams PELVIC = RepParams.forSignal(RepSignal.PELVIC_TILT);
    private static final RepParams ROTATION = RepParams.forSignal(RepSignal.THORACIC_ROTATION);
    private static final RepParams LUMBAR = RepParams.forSignal(RepSignal.LUMBAR_FLEXION);

    private static RepetitionCounter run(RepParams params, Signals s) {
        RepetitionCounter c = new RepetitionCounter(params);
        for (double[] x : s.samples) c.update(x[0], x[1]);
        return c;
    }

    private static List<Double> eventTimes(RepetitionCounter c, Signals s, RepEvent wanted) {
        List<Double> times = new ArrayList<>();
        for (double[] x : s.samples) {
            if (c.update(x[0], x[1]) == wanted) times.add(x[0]);
        }
        return times;
    }

    @Nested
    class CleanSignals {
        @Test
        void pelvicTiltsOfEveryAmplitudeAndPeriodCountExactly() {
            for (double amplitude : new double[] {8, 12, 20}) {
                for (double period : new double[] {2, 3, 5}) {
                    Signals s = new Signals(1, 0).rest(2);
                    for (int i = 0; i < 10; i++) s.cosineRep(-amplitude, period);
                    s.rest(2);
                    assertEquals(10, run(PELVIC, s).count(), "amplitude " + amplitude + " period " + period);
                }
            }
        }

        @Test
        void rockingBothWaysCountsOncePerCycle() {
            Signals s = new Signals(1, 0).rest(2).sine(10, 3, 12).rest(2);
            assertEquals(12, run(PELVIC, s).count());
        }

        @Test
        void alternatingRotationCountsEachSide() {
            Signals s = new Signals(1, 0).rest(2).sine(30, 4, 6).rest(2);
            assertEquals(12, run(ROTATION, s).count());
        }

        @Test
        void oneSidedRotationCountsEachTurn() {
            Signals s = new Signals(1, 0).rest(2);
            for (int i = 0; i < 15; i++) s.cosineRep(25, 2);
            assertEquals(15, run(ROTATION, s.rest(2)).count());
        }

        @Test
        void catCowCountsTheRoundingPhaseOnly() {
            Signals s = new Signals(1, 0).rest(2).sine(20, 5, 8).rest(2);
            assertEquals(8, run(LUMBAR, s).count());
        }

        @Test
        void varyingAmplitudeAndPeriodCountExactly() {
            Random rnd = new Random(11);
            Signals s = new Signals(2, 0).rest(2);
            for (int i = 0; i < 20; i++) {
                s.minJerkRep(-(8 + 12 * rnd.nextDouble()), 0.6 + rnd.nextDouble(), rnd.nextDouble() * 2).rest(rnd.nextDouble() * 2);
            }
            assertEquals(20, run(PELVIC, s.rest(2)).count());
        }

        @Test
        void pauseInTheMiddleKeepsCounting() {
            Signals s = new Signals(3, 0).rest(2);
            for (int i = 0; i < 5; i++) s.cosineRep(-12, 3);
            s.rest(40);
            for (int i = 0; i < 5; i++) s.cosineRep(-12, 3);
            assertEquals(10, run(PELVIC, s.rest(2)).count());
        }

        @Test
        void slowDriftIsFollowed() {
            for (double drift : new double[] {-0.2, -0.1, 0.1, 0.2}) {
                Signals s = new Signals(4, 0).drift(drift).rest(2);
                for (int i = 0; i < 30; i++) s.cosineRep(-10, 4);
                RepetitionCounter c = run(PELVIC, s.rest(2));
                assertEquals(30, c.count(), "drift " + drift);
            }
        }

        @Test
        void bigSlowRepsCountOnce() {
            Signals s = new Signals(18, 0.5).rest(2);
            for (int i = 0; i < 6; i++) s.minJerkRep(-25, 3, 3).rest(1);
            assertEquals(6, run(PELVIC, s.rest(2)).count());
        }

        @Test
        void repTimesAndPeakAreReported() {
            Signals s = new Signals(5, 0).rest(2).minJerkRep(-15, 1, 0).rest(2);
            RepetitionCounter c = run(PELVIC, s);
            assertEquals(1, c.count());
            assertTrue(c.lastRepStartSeconds() > 2 && c.lastRepStartSeconds() < 3, "start " + c.lastRepStartSeconds());
            assertTrue(c.lastRepEndSeconds() > 3 && c.lastRepEndSeconds() < 4.5, "end " + c.lastRepEndSeconds());
            assertEquals(15, c.lastRepAmplitudeDeg(), 0.5);
        }
    }

    @Nested
    class NotRepetitions {
        @Test
        void singlePostureShiftIsNotCountedAndBecomesTheNewBaseline() {
            Signals s = new Signals(6, 0.3).rest(5).move(-15, 1.5).rest(60);
            RepetitionCounter c = run(PELVIC, s);
            assertEquals(0, c.count());
            assertTrue(c.rebaselineCount() >= 1);
            assertEquals(-15, c.baselineDeg(), 1);
            // reps from the new posture count
            for (int i = 0; i < 5; i++) s.cosineRep(-10, 3);
            s.rest(2);
            RepetitionCounter again = run(PELVIC, s);
            assertEquals(5, again.count());
        }

        @Test
        void shiftTheOtherWayIsAdoptedToo() {
            Signals s = new Signals(7, 0).rest(5).move(12, 1).rest(30);
            for (int i = 0; i < 4; i++) s.cosineRep(-10, 3);
            RepetitionCounter c = run(PELVIC, s.rest(2));
            assertEquals(4, c.count());
        }

        @Test
        void noiseOnlyCountsNothing() {
            for (long seed = 1; seed <= 3; seed++) {
                Signals s = new Signals(seed, 3).rest(600);
                assertEquals(0, run(PELVIC, s).count(), "seed " + seed);
                assertEquals(0, run(ROTATION, new Signals(seed, 3).rest(600)).count(), "seed " + seed);
            }
        }

        @Test
        void quickJoltIsRejected() {
            Signals s = new Signals(8, 0).rest(2).minJerkRep(-15, 0.15, 0).rest(3);
            RepetitionCounter c = run(PELVIC, s);
            assertEquals(0, c.count());
            assertEquals(1, c.rejectedCount());
        }

        @Test
        void slowExcursionAndBackIsNotARep() {
            Signals s = new Signals(9, 0).rest(2).minJerkRep(-15, 15, 0).rest(5);
            assertEquals(0, run(PELVIC, s).count());
        }

        @Test
        void gaitSwayOfAFewDegreesIsIgnored() {
            Signals s = new Signals(10, 0.5).rest(1).sine(3, 1, 120);
            assertEquals(0, run(PELVIC, s).count());
        }

        @Test
        void smallRockingBelowTheMinimumAmplitudeIsIgnored() {
            Signals s = new Signals(10, 0).rest(1);
            for (int i = 0; i < 10; i++) s.cosineRep(-4, 3);
            assertEquals(0, run(PELVIC, s).count());
        }
    }

    @Nested
    class HeavyNoise {
        @Test
        void countIsWithinOneOfTheTruth() {
            for (long seed = 1; seed <= 6; seed++) {
                Random rnd = new Random(100 + seed);
                Signals s = new Signals(seed, 3).rest(2);
                for (int i = 0; i < 15; i++) s.minJerkRep(-(10 + 6 * rnd.nextDouble()), 1 + 0.5 * rnd.nextDouble(), 1).rest(1);
                int count = run(PELVIC, s.rest(2)).count();
                assertTrue(Math.abs(count - 15) <= 1, "seed " + seed + ": " + count);
            }
        }

        @Test
        void rotationUnderNoiseIsWithinOne() {
            for (long seed = 1; seed <= 4; seed++) {
                Signals s = new Signals(seed, 4).rest(2).sine(30, 3, 10).rest(2);
                int count = run(ROTATION, s).count();
                assertTrue(Math.abs(count - 20) <= 1, "seed " + seed + ": " + count);
            }
        }
    }

    @Nested
    class Hold {
        private final RepParams fiveSecondHold = PELVIC.withHold(5);

        @Test
        void holdIsMeasuredAndAnnouncedOncePerRep() {
            Signals s = new Signals(12, 0.2).rest(2);
            List<Double> plateauStarts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                s.move(-15, 1);
                plateauStarts.add(s.time());
                s.rest(5).move(15, 1).rest(2);
            }
            RepetitionCounter c = new RepetitionCounter(fiveSecondHold);
            List<Double> announced = eventTimes(c, s, RepEvent.HOLD_REACHED);
            assertEquals(6, c.count());
            assertEquals(6, c.heldCount());
            assertEquals(6, announced.size());
            for (int i = 0; i < 6; i++) {
                double after = announced.get(i) - plateauStarts.get(i);
                assertTrue(after > 4.4 && after < 5.5, "hold announced " + after + " s after the end position was reached");
            }
            assertEquals(5, c.lastRepHoldSeconds(), 0.75);
        }

        @Test
        void holdSurvivesNoise() {
            Signals s = new Signals(24, 2).rest(2);
            for (int i = 0; i < 10; i++) s.minJerkRep(-12, 1, 5).rest(1);
            RepetitionCounter c = run(fiveSecondHold, s.rest(2));
            assertEquals(10, c.count());
            assertTrue(c.heldCount() >= 9, "held " + c.heldCount());
        }

        @Test
        void shortHoldStillCountsButIsNotHeld() {
            Signals s = new Signals(13, 0).rest(2);
            for (int i = 0; i < 4; i++) s.minJerkRep(-15, 1, 2).rest(2);
            RepetitionCounter c = new RepetitionCounter(fiveSecondHold);
            assertTrue(eventTimes(c, s, RepEvent.HOLD_REACHED).isEmpty());
            assertEquals(4, c.count());
            assertEquals(0, c.heldCount());
            assertEquals(2, c.lastRepHoldSeconds(), 0.75);
        }

        @Test
        void longerHoldThanAskedStillCounts() {
            Signals s = new Signals(14, 0).rest(2).minJerkRep(-15, 1, 12).rest(2);
            RepetitionCounter c = run(fiveSecondHold, s);
            assertEquals(1, c.count());
            assertEquals(1, c.heldCount());
        }

        @Test
        void currentHoldRunsDuringTheHold() {
            Signals s = new Signals(15, 0).rest(2).move(-15, 1).rest(3);
            RepetitionCounter c = run(fiveSecondHold, s);
            assertTrue(c.inExcursion());
            assertEquals(3, c.currentHoldSeconds(), 0.6);
        }
    }

    @Nested
    class Input {
        @Test
        void invalidSamplesAreCountedAndIgnored() {
            RepetitionCounter c = new RepetitionCounter(PELVIC);
            c.update(0, 0);
            c.update(0.02, Double.NaN);
            c.update(0, 0);
            c.update(0.02, Double.POSITIVE_INFINITY);
            c.update(Double.NaN, 0);
            assertEquals(4, c.invalidCount());
            assertEquals(0, c.filteredDeg(), 0);
        }

        @Test
        void resetStartsFromTheNextSample() {
            Signals s = new Signals(16, 0).rest(1);
            for (int i = 0; i < 3; i++) s.cosineRep(-12, 3);
            RepetitionCounter c = run(PELVIC, s);
            assertEquals(3, c.count());
            c.reset();
            assertEquals(0, c.count());
            c.update(100, 7);
            assertEquals(7, c.baselineDeg(), 0);
            assertFalse(c.inExcursion());
        }

        @Test
        void unevenSampleSpacingCountsTheSame() {
            Signals s = new Signals(17, 0).rest(2);
            for (int i = 0; i < 8; i++) s.cosineRep(-12, 3);
            s.rest(2);
            RepetitionCounter c = new RepetitionCounter(PELVIC);
            Random rnd = new Random(3);
            for (double[] x : s.samples) {
                if (rnd.nextDouble() < 0.4) continue; // drop 40 % of samples at random
                c.update(x[0], x[1]);
            }
            assertEquals(8, c.count());
        }
    }

    @Nested
    class HotPath {
        @Test
        void updatesAllocateNothing() {
            Signals s = new Signals(19, 2).rest(2);
            for (int i = 0; i < 400; i++) s.minJerkRep(-15, 1, 1).rest(1);
            double[] t = s.samples.stream().mapToDouble(x -> x[0]).toArray();
            double[] a = s.samples.stream().mapToDouble(x -> x[1]).toArray();
            RepetitionCounter c = new RepetitionCounter(PELVIC.withHold(1));
            for (int i = 0; i < t.length / 2; i++) c.update(t[i], a[i]); // warm up
            long bytes = Allocations.during(() -> {
                for (int i = t.length / 2; i < t.length; i++) c.update(t[i], a[i]);
            });
            assertTrue(c.count() > 300);
            // any allocation per update costs at least 16 bytes each time; allow one-off runtime noise
            assertTrue(bytes < t.length / 2, bytes + " bytes allocated over " + t.length / 2 + " updates");
        }
    }

    @Nested
    class Params {
        @Test
        void invalidSettingsAreRejected() {
            assertThrows(IllegalArgumentException.class, () -> PELVIC.withMinAmplitudeDeg(0.5));
            assertThrows(IllegalArgumentException.class, () -> new RepParams(RepParams.RepDirection.EITHER, 10, 0.2, 0.3, 1, 10, 0, 2, 5));
            assertThrows(IllegalArgumentException.class, () -> new RepParams(RepParams.RepDirection.EITHER, 10, 0.5, 0.25, 1, 5, 5, 2, 5));
            assertThrows(IllegalArgumentException.class, () -> new RepParams(null, 10, 0.5, 0.25, 1, 10, 0, 2, 5));
        }

        @Test
        void drillSettingsAddTheHoldAndRoomForIt() {
            Drill seated = DrillCatalogue.bundled().require("seated_pelvic_tilt");
            RepParams p = RepParams.forDrill(seated);
            assertEquals(seated.holdSeconds(), p.holdSeconds());
            assertEquals(PELVIC.maxRepSeconds() + 2 * seated.holdSeconds(), p.maxRepSeconds(), 1e-9);
            assertEquals(RepParams.RepDirection.NEGATIVE, p.direction());
            Drill chin = DrillCatalogue.bundled().require("chin_tuck_nod");
            assertThrows(IllegalArgumentException.class, () -> RepParams.forDrill(chin));
        }

        @Test
        void everyCountableDrillGetsValidSettings() {
            for (Drill d : DrillCatalogue.bundled().drills()) {
                if (d.countedBy().isPresent()) {
                    assertEquals(d.holdSeconds(), RepParams.forDrill(d).holdSeconds(), d.id());
                }
            }
        }
    }
}
