package io.spinewatch.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The wearer's motion over a whole session: for each {@link Coordinate}, an initial value plus a sum of
 * {@link Term}s. Immutable; read it through a {@link Cursor}, which evaluates in O(active terms) as long as
 * its times do not go backwards.
 */
public final class Timeline {
    private final double durationS;
    private final double[] initial;
    private final Term[][] terms;

    private Timeline(double durationS, double[] initial, Term[][] terms) {
        this.durationS = durationS;
        this.initial = initial;
        this.terms = terms;
    }

    /** Session length, s: the motion is defined on [0, durationS] (and held constant after). */
    public double durationS() {
        return durationS;
    }

    /** The terms of one coordinate, by start time. */
    public List<Term> terms(Coordinate c) {
        return List.of(terms[c.ordinal()]);
    }

    public double initialValue(Coordinate c) {
        return initial[c.ordinal()];
    }

    /** A new independent reader positioned at time 0. */
    public Cursor cursor() {
        return new Cursor();
    }

    /** Collects terms; {@link #build} sorts them. */
    public static final class Builder {
        private final double[] initial = new double[Coordinate.COUNT];
        private final List<List<Term>> terms = new ArrayList<>();

        public Builder() {
            for (int i = 0; i < Coordinate.COUNT; i++) {
                terms.add(new ArrayList<>());
            }
        }

        public Builder initial(Coordinate c, double value) {
            initial[c.ordinal()] = value;
            return this;
        }

        public Builder add(Coordinate c, Term t) {
            terms.get(c.ordinal()).add(t);
            return this;
        }

        public Timeline build(double durationS) {
            if (!(durationS > 0 && Double.isFinite(durationS))) {
                throw new IllegalArgumentException("durationS must be positive: " + durationS);
            }
            Term[][] sorted = new Term[Coordinate.COUNT][];
            for (int i = 0; i < Coordinate.COUNT; i++) {
                sorted[i] = terms.get(i).stream().sorted(Comparator.comparingDouble(Term::startS)).toArray(Term[]::new);
            }
            return new Timeline(durationS, initial.clone(), sorted);
        }
    }

    /**
     * Evaluates the timeline at non-decreasing times without rescanning finished terms; a time earlier
     * than the previous one restarts from 0 (correct, only slower). One per consumer; not thread-safe.
     */
    public final class Cursor {
        private final double[] settled = new double[Coordinate.COUNT];
        private final int[] next = new int[Coordinate.COUNT];
        private final int[][] active = new int[Coordinate.COUNT][];
        private final int[] activeCount = new int[Coordinate.COUNT];
        private final double[] sum = new double[3];
        private double lastT = Double.NEGATIVE_INFINITY;

        private Cursor() {
            for (int c = 0; c < Coordinate.COUNT; c++) {
                active[c] = new int[Math.max(4, terms[c].length)];
            }
            reset();
        }

        private void reset() {
            System.arraycopy(initial, 0, settled, 0, settled.length);
            Arrays.fill(next, 0);
            Arrays.fill(activeCount, 0);
            lastT = Double.NEGATIVE_INFINITY;
        }

        public Timeline timeline() {
            return Timeline.this;
        }

        /** Fills {@code out} with every coordinate's value, rate and acceleration at {@code tS}. */
        public JointState evaluate(double tS, JointState out) {
            if (tS < lastT) {
                reset();
            }
            lastT = tS;
            for (int c = 0; c < Coordinate.COUNT; c++) {
                Term[] list = terms[c];
                int[] act = active[c];
                int n = activeCount[c];
                while (next[c] < list.length && list[next[c]].startS() <= tS) {
                    act[n++] = next[c]++;
                }
                sum[0] = settled[c];
                sum[1] = 0;
                sum[2] = 0;
                for (int k = 0; k < n; ) {
                    Term t = list[act[k]];
                    if (t.endS() <= tS) {
                        settled[c] += t.finalValue();
                        sum[0] += t.finalValue();
                        act[k] = act[--n];
                    } else {
                        t.addTo(tS, sum);
                        k++;
                    }
                }
                activeCount[c] = n;
                out.value[c] = sum[0];
                out.rate[c] = sum[1];
                out.acceleration[c] = sum[2];
            }
            return out;
        }
    }
}
