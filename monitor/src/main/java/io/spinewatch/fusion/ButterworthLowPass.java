package io.spinewatch.fusion;

import java.util.Arrays;

/**
 * A second-order Butterworth low-pass over a fixed number of channels, for variable sample intervals,
 * started from the running mean of its first inputs.
 *
 * <p>The time constant {@code tau} sets the cut-off {@code fc = sqrt(2) / (2 pi tau)}, so the non-oscillating
 * part of the step response decays like {@code exp(-t / tau)} (the convention VQF uses). Coefficients come from
 * the bilinear transform with pre-warping and are recomputed only when the sample interval moves by more than
 * {@link #INTERVAL_TOLERANCE}; the state is then shifted so a settled output does not jump.
 *
 * <p>Until {@code tau} seconds of input have been seen the output is the plain mean of the inputs so far,
 * and the filter then starts in steady state at that mean: one noisy first sample does not linger for
 * several time constants, and a constant input is reproduced exactly from the first sample on.
 */
final class ButterworthLowPass {
    /** Relative change of the sample interval that triggers new coefficients; 5% of tau is immaterial here. */
    static final double INTERVAL_TOLERANCE = 0.05;

    private final double tauSeconds;
    private final int channels;
    private final double[] state;   // two per channel, transposed direct form II
    private final double[] last;    // last output per channel
    private double b0, b1, b2, a1, a2;
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
        this.state = new double[2 * channels];
        this.last = new double[channels];
    }

    /** Forgets all history; the next input starts a new warm-up. */
    void reset() {
        warmingUp = true;
        warmUpSeconds = 0;
        warmUpCount = 0;
        Arrays.fill(state, 0);
        Arrays.fill(last, 0);
    }

    boolean isWarmingUp() {
        return warmingUp;
    }

    /** Filters one sample of all channels: {@code out[i]} for {@code in[i]}; out may be in. */
    void step(double intervalSeconds, double[] in, double[] out) {
        prepare(intervalSeconds);
        if (warmingUp) {
            warmUp(intervalSeconds, in, out);
            return;
        }
        for (int i = 0; i < channels; i++) {
            double x = in[i];
            int s = 2 * i;
            double y = b0 * x + state[s];
            state[s] = b1 * x - a1 * y + state[s + 1];
            state[s + 1] = b2 * x - a2 * y;
            last[i] = y;
            out[i] = y;
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
        // The state doubles as the running sum during warm-up (the filter state is unused until then).
        for (int i = 0; i < channels; i++) {
            state[2 * i] += in[i];
            double mean = state[2 * i] / warmUpCount;
            last[i] = mean;
            out[i] = mean;
        }
        if (warmUpSeconds >= tauSeconds) {
            warmingUp = false;
            for (int i = 0; i < channels; i++) {
                setSteadyState(i, last[i]);
            }
        }
    }

    /** State for which a constant input {@code y} gives the output {@code y} (unit DC gain). */
    private void setSteadyState(int channel, double y) {
        state[2 * channel] = (1 - b0) * y;
        state[2 * channel + 1] = (b2 - a2) * y;
    }

    private void prepare(double intervalSeconds) {
        double h = coeffIntervalSeconds;
        if (h == h && Math.abs(intervalSeconds - h) <= INTERVAL_TOLERANCE * h) {
            return;
        }
        double oldB0 = b0;
        double oldSteady2 = b2 - a2;
        boolean hadCoefficients = h == h;
        computeCoefficients(intervalSeconds);
        if (hadCoefficients && !warmingUp) {
            // Keep a settled output settled: shift the state by the change of its steady-state value.
            double newSteady2 = b2 - a2;
            for (int i = 0; i < channels; i++) {
                state[2 * i] += (oldB0 - b0) * last[i];
                state[2 * i + 1] += (newSteady2 - oldSteady2) * last[i];
            }
        }
    }

    private void computeCoefficients(double intervalSeconds) {
        double fc = Math.sqrt(2) / (2 * Math.PI * tauSeconds);
        // Near Nyquist the pre-warped tangent blows up; clamp so a huge interval still gives a stable filter.
        double c = Math.tan(Math.PI * Math.min(fc * intervalSeconds, 0.45));
        double d = c * c + Math.sqrt(2) * c + 1;
        b0 = c * c / d;
        b1 = 2 * b0;
        b2 = b0;
        a1 = 2 * (c * c - 1) / d;
        a2 = (1 - Math.sqrt(2) * c + c * c) / d;
        coeffIntervalSeconds = intervalSeconds;
    }
}
