package io.spinewatch.fusion;

import java.util.Arrays;

/**
 * A second-order Butterworth low-pass over a fixed number of channels, for variable sample intervals,
 * started from the running mean of its first inputs.
 *
 * <p>The time constant {@code tau} sets the cut-off {@code fc = sqrt(2) / (2 pi tau)}, so the non-oscillating
 * part of the step response decays like {@code exp(-t / tau)} (the convention VQF uses). The continuous filter
 * {@code y'' + sqrt(2) wc y' + wc^2 y = wc^2 u} ({@code wc = 2 pi fc = sqrt(2) / tau}) is kept as its physical
 * state, the output {@code y} and its rate {@code y'}, and discretised exactly for each interval. The state therefore means the same thing at every interval: a changed or long interval
 * (a lost sample) needs no state conversion and cannot start a transient, unlike a difference equation whose
 * state belongs to one set of coefficients. The input over an interval is the mean of its two ends, the
 * trapezoid the bilinear transform also implies. At VQF's rates ({@code fc * dt < 0.01}) the response is that of
 * VQF's bilinear-transform filter to within 1e-4.
 *
 * <p>Until {@code tau} seconds of input have been seen the output is the plain mean of the inputs so far,
 * and the filter then starts in steady state at that mean: one noisy first sample does not linger for
 * several time constants, and a constant input is reproduced exactly from the first sample on.
 */
final class ButterworthLowPass {
    /** {@code dt / tau} up to which the transition coefficients come from their series (error below 1e-10). */
    private static final double SERIES_MAX = 0.2;

    private final double tauSeconds;
    private final int channels;
    private final double[] y;       // output per channel
    private final double[] rate;    // output rate per channel, 1/s
    private final double[] lastIn;  // previous input per channel
    // Transition over one interval for z = y - u (u held): z1 = p11 z + p12 rate, rate1 = p21 z + p22 rate.
    private double p11, p12, p21, p22;
    private double coeffIntervalSeconds = Double.NaN;
    private boolean warmingUp = true;
    private double warmUpSeconds;
    private int warmUpCount;

    ButterworthLowPass(double tauSeconds, int channels) {
        if (!(tauSeconds > 0) || channels < 1) {
            throw new IllegalArgumentException("tauSeconds must be > 0 and channels >= 1");
        }
        this.tauSeconds = tauSeconds;
        this.channels = channels;
        this.y = new double[channels];
        this.rate = new double[channels];
        this.lastIn = new double[channels];
    }

    /** Forgets all history; the next input starts a new warm-up. */
    void reset() {
        warmingUp = true;
        warmUpSeconds = 0;
        warmUpCount = 0;
        Arrays.fill(y, 0);
        Arrays.fill(rate, 0);
        Arrays.fill(lastIn, 0);
    }

    boolean isWarmingUp() {
        return warmingUp;
    }

    /** The rate of change of channel {@code i}'s output, per second (0 while warming up). */
    double outputRate(int i) {
        return rate[i];
    }

    /** Filters one sample of all channels: {@code out[i]} for {@code in[i]}; out may be in. */
    void step(double intervalSeconds, double[] in, double[] out) {
        if (warmingUp) {
            warmUp(intervalSeconds, in, out);
            return;
        }
        if (intervalSeconds != coeffIntervalSeconds) {
            computeCoefficients(intervalSeconds);
        }
        for (int i = 0; i < channels; i++) {
            // The input over the interval is taken as the mean of its two ends (the trapezoid, as the bilinear
            // transform does): no half-sample lead, and a gap is bridged by the straight line across it.
            double next = in[i];
            double u = 0.5 * (lastIn[i] + next);
            lastIn[i] = next;
            double z = y[i] - u;
            double r = rate[i];
            double yi = u + p11 * z + p12 * r;
            rate[i] = p21 * z + p22 * r;
            y[i] = yi;
            out[i] = yi;
        }
    }

    /** Three-channel convenience for vectors; out may be in. */
    void step(double intervalSeconds, Vec3 in, Vec3 out, double[] scratch) {
        scratch[0] = in.x;
        scratch[1] = in.y;
        scratch[2] = in.z;
        step(intervalSeconds, scratch, scratch);
        out.set(scratch[0], scratch[1], scratch[2]);
    }

    private void warmUp(double intervalSeconds, double[] in, double[] out) {
        warmUpCount++;
        warmUpSeconds += intervalSeconds;
        // y doubles as the running sum during warm-up.
        for (int i = 0; i < channels; i++) {
            y[i] += in[i];
            out[i] = y[i] / warmUpCount;
        }
        if (warmUpSeconds >= tauSeconds) {
            warmingUp = false;
            // Steady state at the mean: output the mean, not moving.
            for (int i = 0; i < channels; i++) {
                y[i] /= warmUpCount;
                rate[i] = 0;
                lastIn[i] = y[i];
            }
        }
    }

    /**
     * Exact transition of the filter over {@code dt}. Both poles are {@code (-1 +- i) / tau}, so with
     * {@code x = dt / tau}, {@code E = exp(-x)}: {@code z1 = E (cos x + sin x) z + E sin x tau rate},
     * {@code rate1 = -2 E sin x z / tau + E (cos x - sin x) rate}.
     */
    private void computeCoefficients(double intervalSeconds) {
        double x = intervalSeconds / tauSeconds;
        double ec;
        double es;
        if (x <= SERIES_MAX) {
            // exp((-1 + i) x) by its series; real part E cos x, imaginary part E sin x, to x^8.
            double x2 = x * x;
            double x3 = x2 * x;
            double x4 = x2 * x2;
            double x5 = x4 * x;
            ec = 1 - x + x3 / 3 - x4 / 6 + x5 / 30 - x5 * x2 / 630 + x4 * x4 / 2520;
            es = x - x2 + x3 / 3 - x5 / 30 + x5 * x / 90 - x5 * x2 / 630;
        } else {
            double e = Math.exp(-x);
            ec = e * Math.cos(x);
            es = e * Math.sin(x);
        }
        p11 = ec + es;
        p12 = es * tauSeconds;
        p21 = -2 * es / tauSeconds;
        p22 = ec - es;
        coeffIntervalSeconds = intervalSeconds;
    }
}
