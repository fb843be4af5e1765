package io.spinewatch.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TimelineTest {

    /** The definition, summed from scratch. */
    private static JointState bruteForce(Timeline tl, double tS) {
        JointState s = new JointState();
        for (Coordinate c : Coordinate.values()) {
            double[] sum = {tl.initialValue(c), 0, 0};
            for (Term term : tl.terms(c)) {
                if (tS >= term.endS()) {
                    sum[0] += term.finalValue();
                } else if (tS >= term.startS()) {
                    term.addTo(tS, sum);
                }
            }
            s.set(c, sum[0], sum[1], sum[2]);
        }
        return s;
    }

    @Nested
    class Cursors {
        @Test
        void aForwardCursorAgreesWithSummingEveryTerm() {
            Timeline tl = Motions.busy(5, 60);
            Timeline.Cursor cur = tl.cursor();
            JointState s = new JointState();
            for (double t = 0; t < 62; t += 0.0137) {
                cur.evaluate(t, s);
                JointState ref = bruteForce(tl, t);
                assertArrayEquals(ref.value, s.value, 1e-9, "t=" + t);
                assertArrayEquals(ref.rate, s.rate, 1e-9, "t=" + t);
                assertArrayEquals(ref.acceleration, s.acceleration, 1e-9, "t=" + t);
            }
        }

        @Test
        void goingBackInTimeRestartsCorrectly() {
            Timeline tl = Motions.busy(6, 30);
            Timeline.Cursor cur = tl.cursor();
            JointState s = new JointState();
            cur.evaluate(25, s);
            cur.evaluate(3.3, s);
            assertArrayEquals(bruteForce(tl, 3.3).value, s.value, 1e-9);
        }

        @Test
        void afterTheLastTermTheMotionHolds() {
            Timeline tl = new Timeline.Builder().initial(Coordinate.HEADING, 1)
                    .add(Coordinate.HEADING, new Term.MinJerk(0, 2, 0.5)).build(3);
            JointState s = tl.cursor().evaluate(100, new JointState());
            assertEquals(1.5, s.value(Coordinate.HEADING), 1e-15);
            assertEquals(0, s.rate(Coordinate.HEADING));
        }
    }
}
