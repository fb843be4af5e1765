package io.spinewatch.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic drill signals for the counter tests: angle sample lists built segment by segment. */
final class Signals {
    static final double RATE_HZ = 50;

    final List<double[]> samples = new ArrayList<>();
    private double t;
    private double level;
    private final Random noise;
    private final double noiseDeg;
    private double driftDegPerS;

    Signals(long seed, double noiseDeg) {
        this.noise = new Random(seed);
        this.noiseDeg = noiseDeg;
    }

    Signals drift(double degPerS) {
        driftDegPerS = degPerS;
        return this;
    }

    double time() {
        return t;
    }

    private void add(double angle) {
        samples.add(new double[] {t, angle + driftDegPerS * t + noiseDeg * noise.nextGaussian()});
        t += 1 / RATE_HZ;
    }

    /** Minimum-jerk position profile, 0 to 1 over tau in 0..1. */
    static double minJerk(double tau) {
        return tau * tau * tau * (10 - 15 * tau + 6 * tau * tau);
    }

    Signals rest(double seconds) {
        for (double s = 0; s < seconds; s += 1 / RATE_HZ) add(level);
        return this;
    }

    /** Moves to {@code level + delta} along a minimum-jerk path and stays there. */
    Signals move(double delta, double seconds) {
        double from = level;
        for (double s = 0; s < seconds; s += 1 / RATE_HZ) add(from + delta * minJerk(s / seconds));
        level = from + delta;
        return this;
    }

    /** One rep: out by {@code amplitude} (signed) in {@code moveSeconds}, hold, back. */
    Signals minJerkRep(double amplitude, double moveSeconds, double holdSeconds) {
        return move(amplitude, moveSeconds).rest(holdSeconds).move(-amplitude, moveSeconds);
    }

    /** One rep shaped {@code amplitude (1 - cos)/2} over {@code period}: out and back without rest. */
    Signals cosineRep(double amplitude, double period) {
        for (double s = 0; s < period; s += 1 / RATE_HZ) add(level + amplitude * (1 - Math.cos(2 * Math.PI * s / period)) / 2);
        return this;
    }

    /** {@code cycles} full sine periods of {@code amplitude} around the current level. */
    Signals sine(double amplitude, double period, int cycles) {
        for (double s = 0; s < cycles * period; s += 1 / RATE_HZ) add(level + amplitude * Math.sin(2 * Math.PI * s / period));
        return this;
    }
}
