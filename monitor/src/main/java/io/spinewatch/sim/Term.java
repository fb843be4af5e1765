package io.spinewatch.sim;

/**
 * One smooth contribution to a coordinate over a time window: a motion primitive. A coordinate's value is
 * its initial value plus the sum of its terms; before {@link #startS()} a term contributes 0 and from
 * {@link #endS()} on it contributes {@link #finalValue()} with zero rate and acceleration.
 *
 * <p>Every primitive here starts and ends with zero rate and zero acceleration (except {@link Linear},
 * a test instrument), so chaining them keeps angular rates and point accelerations continuous.
 */
public sealed interface Term permits Term.MinJerk, Term.Cruise, Term.Oscillation, Term.Linear {

    double startS();

    double endS();

    /** The contribution from {@link #endS()} on. */
    double finalValue();

    /** Adds this term's value, rate and acceleration at {@code tS} (within the window) to {@code out[0..2]}. */
    void addTo(double tS, double[] out);

    /**
     * A minimum-jerk move by {@code delta} (Flash and Hogan 1985): {@code delta (10 s^3 - 15 s^4 + 6 s^5)},
     * {@code s = (t - start) / duration}; zero rate and acceleration at both ends.
     */
    record MinJerk(double startS, double endS, double delta) implements Term {
        public MinJerk {
            requireWindow(startS, endS);
        }

        @Override
        public double finalValue() {
            return delta;
        }

        @Override
        public void addTo(double tS, double[] out) {
            double dur = endS - startS;
            double s = (tS - startS) / dur;
            double s2 = s * s;
            out[0] += delta * s2 * s * (10 - 15 * s + 6 * s2);
            out[1] += delta / dur * 30 * s2 * (1 - 2 * s + s2);
            out[2] += delta / (dur * dur) * 60 * s * (1 - 3 * s + 2 * s2);
        }
    }

    /**
     * Travel of {@code distance} with a cruise phase: the rate rises from 0 to the cruise rate along a
     * minimum-jerk profile over {@code rampS}, stays, and falls symmetrically (walking a leg).
     */
    record Cruise(double startS, double endS, double distance, double rampS) implements Term {
        public Cruise {
            requireWindow(startS, endS);
            if (!(rampS > 0 && 2 * rampS <= endS - startS)) {
                throw new IllegalArgumentException("need 0 < 2 rampS <= duration: " + rampS);
            }
        }

        @Override
        public double finalValue() {
            return distance;
        }

        /** The cruise rate: each ramp covers half its duration at that rate. */
        public double cruiseRate() {
            return distance / (endS - startS - rampS);
        }

        @Override
        public void addTo(double tS, double[] out) {
            double v = cruiseRate();
            double tau = tS - startS;
            double rest = endS - tS;
            if (tau < rampS) {
                double x = tau / rampS;
                out[0] += v * rampS * integralOfMinJerk(x);
                out[1] += v * minJerk(x);
                out[2] += v / rampS * minJerkRate(x);
            } else if (rest < rampS) {
                double x = rest / rampS;
                out[0] += distance - v * rampS * integralOfMinJerk(x);
                out[1] += v * minJerk(x);
                out[2] -= v / rampS * minJerkRate(x);
            } else {
                out[0] += v * rampS / 2 + v * (tau - rampS);
                out[1] += v;
            }
        }

        private static double minJerk(double x) {
            return x * x * x * (10 - 15 * x + 6 * x * x);
        }

        private static double minJerkRate(double x) {
            return 30 * x * x * (1 - 2 * x + x * x);
        }

        private static double integralOfMinJerk(double x) {
            double x4 = x * x * x * x;
            return x4 * (2.5 - 3 * x + x * x);
        }
    }

    /**
     * {@code amplitude sin(2 pi f (t - start) + phase)} under an envelope that rises and falls along
     * minimum-jerk ramps of {@code rampS} (zero value, rate and acceleration at both ends of the window).
     */
    record Oscillation(double startS, double endS, double amplitude, double frequencyHz, double phaseRad,
                       double rampS) implements Term {
        public Oscillation {
            requireWindow(startS, endS);
            if (!(frequencyHz > 0 && frequencyHz < 100)) {
                throw new IllegalArgumentException("frequencyHz must be in (0, 100): " + frequencyHz);
            }
            if (!(rampS > 0 && 2 * rampS <= endS - startS + 1e-9)) {
                throw new IllegalArgumentException("need 0 < 2 rampS <= duration: " + rampS);
            }
        }

        @Override
        public double finalValue() {
            return 0;
        }

        @Override
        public void addTo(double tS, double[] out) {
            double tau = tS - startS;
            double rest = endS - tS;
            double e;
            double de;
            double dde;
            if (tau < rampS) {
                double x = tau / rampS;
                e = x * x * x * (10 - 15 * x + 6 * x * x);
                de = 30 * x * x * (1 - 2 * x + x * x) / rampS;
                dde = 60 * x * (1 - 3 * x + 2 * x * x) / (rampS * rampS);
            } else if (rest < rampS) {
                double x = rest / rampS;
                e = x * x * x * (10 - 15 * x + 6 * x * x);
                de = -30 * x * x * (1 - 2 * x + x * x) / rampS;
                dde = 60 * x * (1 - 3 * x + 2 * x * x) / (rampS * rampS);
            } else {
                e = 1;
                de = 0;
                dde = 0;
            }
            double w = 2 * Math.PI * frequencyHz;
            double ph = w * tau + phaseRad;
            double sn = amplitude * Math.sin(ph);
            double cs = amplitude * Math.cos(ph);
            out[0] += e * sn;
            out[1] += de * sn + e * w * cs;
            out[2] += dde * sn + 2 * de * w * cs - e * w * w * sn;
        }
    }

    /** A constant rate from start to end (rate jumps at both ends): for tests of steady turning. */
    record Linear(double startS, double endS, double rate) implements Term {
        public Linear {
            requireWindow(startS, endS);
        }

        @Override
        public double finalValue() {
            return rate * (endS - startS);
        }

        @Override
        public void addTo(double tS, double[] out) {
            out[0] += rate * (tS - startS);
            out[1] += rate;
        }
    }

    private static void requireWindow(double startS, double endS) {
        if (!(Double.isFinite(startS) && Double.isFinite(endS) && endS > startS)) {
            throw new IllegalArgumentException("need finite startS < endS: " + startS + ".." + endS);
        }
    }
}
