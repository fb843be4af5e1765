package io.spinewatch.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TermTest {
    private static final List<Term> SMOOTH = List.of(
            new Term.MinJerk(1, 3.5, 0.7),
            new Term.Cruise(2, 12, 9, 1.2),
            new Term.Oscillation(0.5, 6.5, 0.2, 1.9, 0.4, 0.8));

    private static double[] at(Term t, double tS) {
        double[] out = new double[3];
        if (tS >= t.endS()) {
            out[0] = t.finalValue();
        } else if (tS > t.startS()) {
            t.addTo(tS, out);
        }
        return out;
    }

    @Nested
    class Derivatives {
        @Test
        void rateAndAccelerationMatchFiniteDifferencesOfTheValue() {
            double h = 1e-4;
            for (Term term : SMOOTH) {
                for (double t = term.startS() + 0.013; t < term.endS(); t += 0.0731) {
                    double[] m = at(term, t - h);
                    double[] c = at(term, t);
                    double[] p = at(term, t + h);
                    assertEquals((p[0] - m[0]) / (2 * h), c[1], 1e-6 * (1 + Math.abs(c[1])), term + " rate at " + t);
                    assertEquals((p[1] - m[1]) / (2 * h), c[2], 1e-5 * (1 + Math.abs(c[2])), term + " acc at " + t);
                }
            }
        }
    }

    @Nested
    class Ends {
        @Test
        void valueRateAndAccelerationAreContinuousAtBothEnds() {
            for (Term term : SMOOTH) {
                double[] start = at(term, term.startS() + 1e-9);
                double[] end = at(term, term.endS() - 1e-9);
                assertEquals(0, start[0], 1e-9, term.toString());
                assertEquals(0, start[1], 1e-6, term.toString());
                assertEquals(0, start[2], 1e-3, term.toString());
                assertEquals(term.finalValue(), end[0], 1e-9, term.toString());
                assertEquals(0, end[1], 1e-6, term.toString());
                assertEquals(0, end[2], 1e-3, term.toString());
            }
        }

        @Test
        void cruiseTravelsItsDistanceAtASteadyRateInTheMiddle() {
            Term.Cruise c = new Term.Cruise(0, 10, 12, 1);
            assertEquals(12 / 9.0, at(c, 5)[1], 1e-12);
            assertEquals(0, at(c, 5)[2], 0);
            assertEquals(12, at(c, 10)[0], 1e-12);
        }

        @Test
        void badWindowsAreRefused() {
            assertThrows(IllegalArgumentException.class, () -> new Term.MinJerk(2, 2, 1));
            assertThrows(IllegalArgumentException.class, () -> new Term.Cruise(0, 2, 1, 1.5));
            assertThrows(IllegalArgumentException.class, () -> new Term.Oscillation(0, 1, 1, 0, 0, 0.2));
        }
    }
}
