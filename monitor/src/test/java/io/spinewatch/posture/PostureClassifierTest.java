package io.spinewatch.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.spinewatch.protocol.SensorSlot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PostureClassifierTest {
    static final int ALL = SensorSet.of(SensorSlot.values());

    PostureClassifier c;
    SpineAngleCalculator calc;
    double t;

    @BeforeEach
    void setUp() {
        c = new PostureClassifier();
        calc = SpineAngleCalculatorTest.calculator(SensorSlot.values());
        t = 0;
    }

    /** Holds a posture (segment pitches from tilt, lumbar, thoracic) for seconds at 10 Hz; returns the last state. */
    PostureState hold(int mask, double tilt, double lumbar, double thoracic, double seconds, double drillInterval, Activity a) {
        PostureState s = null;
        for (int k = 0; k < Math.round(seconds * 10); k++) {
            calc.beginInstant();
            double pelvis = -tilt, mid = pelvis + lumbar, upper = mid + thoracic;
            if (SensorSet.has(mask, SensorSlot.PELVIS)) SpineAngleCalculatorTest.feed(calc, SensorSlot.PELVIS, pelvis, 0, 0);
            if (SensorSet.has(mask, SensorSlot.MID)) SpineAngleCalculatorTest.feed(calc, SensorSlot.MID, mid, 0, 0);
            if (SensorSet.has(mask, SensorSlot.UPPER)) SpineAngleCalculatorTest.feed(calc, SensorSlot.UPPER, upper, 0, 0);
            s = c.update(t, a, mask, calc, drillInterval);
            t += 0.1;
        }
        return s;
    }

    PostureState hold(double tilt, double lumbar, double thoracic, double seconds) {
        return hold(ALL, tilt, lumbar, thoracic, seconds, 0, Activity.SITTING);
    }

    @Nested
    class AllSensors {
        @Test
        void slumpedSittingIsASlouchFromThePelvis() {
            assertEquals(PostureState.UPRIGHT, hold(0, 0, 0, 2));
            assertEquals(PostureState.UPRIGHT, hold(12, 18, 10, 2.5), "confirmed only after it has held 3 s");
            assertEquals(PostureState.SLOUCHED, hold(12, 18, 10, 1));
            assertEquals(PosturePattern.POSTERIOR_PELVIC_TILT, c.pattern());
        }

        @Test
        void aRoundedUpperBackAloneIsASlouchOfItsOwnPattern() {
            assertEquals(PostureState.SLOUCHED, hold(0, 2, 16, 4));
            assertEquals(PosturePattern.ROUNDED_UPPER_BACK, c.pattern());
        }

        @Test
        void aHipHingeWithANeutralSpineIsLeaningNotSlouching() {
            assertEquals(PostureState.LEANING, hold(-18, 1, 2, 10));
            assertNull(c.pattern());
        }

        @Test
        void hysteresisKeepsASlouchUntilTheExitThreshold() {
            hold(12, 18, 4, 5);
            assertEquals(PostureState.SLOUCHED, hold(4, 8, 4, 5), "between exit and enter: still slouched");
            assertEquals(PostureState.UPRIGHT, hold(0, 3, 2, 2));
            assertEquals(PostureState.UPRIGHT, hold(4, 8, 4, 5), "between exit and enter from upright: not slouched");
        }

        @Test
        void aDrillsRoundingPhasesAreNotASlouch() {
            // Cat/cow at a 6 s period: the slouch rule holds for under 3 s of each cycle.
            for (int cycle = 0; cycle < 6; cycle++) {
                assertEquals(PostureState.UPRIGHT, hold(ALL, 10, 18, 12, 2.8, 6, Activity.SITTING));
                hold(ALL, -10, -15, -5, 3.2, 6, Activity.SITTING);
            }
            // A drill's interval also asks a slouch to hold for half of it.
            c = new PostureClassifier();
            assertEquals(PostureState.UPRIGHT, hold(ALL, 12, 18, 10, 4.5, 10, Activity.SITTING));
            assertEquals(PostureState.SLOUCHED, hold(ALL, 12, 18, 10, 0.6, 10, Activity.SITTING));
        }
    }

    @Nested
    class Context {
        @Test
        void onTheFeetThereIsNoSlouch() {
            assertEquals(PostureState.STANDING, hold(ALL, 12, 18, 10, 10, 0, Activity.STANDING));
            assertEquals(PostureState.WALKING, hold(ALL, 12, 18, 10, 10, 0, Activity.WALKING));
        }

        @Test
        void aDropoutResumesTheSlouchItInterrupted() {
            hold(12, 18, 10, 5);
            c.force(PostureState.NO_SIGNAL);
            assertEquals(PostureState.SLOUCHED, hold(12, 18, 10, 0.1));
        }

        @Test
        void calibrationStartsAfresh() {
            hold(12, 18, 10, 5);
            c.force(PostureState.CALIBRATING);
            assertEquals(PostureState.UPRIGHT, hold(12, 18, 10, 1));
        }
    }

    @Nested
    class SensorSubsets {
        @Test
        void upperOnlyCallsAForwardLeanASlouchAndNeverLeaning() {
            int upper = SensorSet.of(SensorSlot.UPPER);
            assertEquals(PostureState.UPRIGHT, hold(upper, 0, 0, 8, 5, 0, Activity.SITTING));
            // A hip hinge of 20 deg looks just the same as a slouch to one sensor.
            assertEquals(PostureState.SLOUCHED, hold(upper, -20, 0, 0, 5, 0, Activity.SITTING));
            assertEquals(PosturePattern.FORWARD_LEAN, c.pattern());
        }

        @Test
        void upperAndMidTellARoundedUpperBackFromALean() {
            int um = SensorSet.of(SensorSlot.UPPER, SensorSlot.MID);
            assertEquals(PostureState.LEANING, hold(um, -15, 0, 2, 5, 0, Activity.SITTING));
            assertEquals(PostureState.SLOUCHED, hold(um, 0, 0, 15, 5, 0, Activity.SITTING));
            assertEquals(PosturePattern.ROUNDED_UPPER_BACK, c.pattern());
        }

        @Test
        void midAndPelvisSeeThePelvicSlouchButNotTheUpperBack() {
            int mp = SensorSet.of(SensorSlot.MID, SensorSlot.PELVIS);
            assertEquals(PostureState.UPRIGHT, hold(mp, 0, 0, 20, 5, 0, Activity.SITTING));
            assertEquals(PostureState.SLOUCHED, hold(mp, 10, 15, 0, 5, 0, Activity.SITTING));
        }
    }
}
