package io.spinewatch.sim;

import io.spinewatch.trace.TimeRange;
import java.util.Arrays;
import java.util.List;

/**
 * A compiled scenario: the wearer's motion ({@link Timeline}) with what is true about it, on the true time
 * base: the calibration window, the state at every instant, and labelled episodes (what was done, drills
 * with their repetition counts, swivel turns). Immutable.
 */
public final class Session {
    private final String scenarioName;
    private final long seed;
    private final Timeline timeline;
    private final TimeRange calibration;
    private final List<Episode> episodes;
    private final List<DrillEpisode> drills;
    private final List<SwivelEpisode> swivels;
    private final List<Step> steps;
    private final double[] stateStartS;
    private final TruthState[] states;

    /** One stretch of the session doing one thing; episodes tile the session without gaps. */
    public record Episode(double startS, double endS, TruthState state, String activity) {
    }

    /** A drill and how many repetitions were done. */
    public record DrillEpisode(Step.DrillKind drill, double startS, double endS, int reps) {
    }

    /** A whole-body turn; + = to the left. */
    public record SwivelEpisode(double startS, double endS, double angleDeg) {
    }

    Session(String scenarioName, long seed, Timeline timeline, TimeRange calibration, List<Episode> episodes,
            List<DrillEpisode> drills, List<SwivelEpisode> swivels, List<Step> steps) {
        this.scenarioName = scenarioName;
        this.seed = seed;
        this.timeline = timeline;
        this.calibration = calibration;
        this.episodes = List.copyOf(episodes);
        this.drills = List.copyOf(drills);
        this.swivels = List.copyOf(swivels);
        this.steps = List.copyOf(steps);
        // The state index: episode starts, merging neighbours in the same state.
        double[] starts = new double[episodes.size()];
        TruthState[] st = new TruthState[episodes.size()];
        int n = 0;
        for (Episode e : episodes) {
            if (n == 0 || st[n - 1] != e.state()) {
                starts[n] = e.startS();
                st[n] = e.state();
                n++;
            }
        }
        this.stateStartS = Arrays.copyOf(starts, n);
        this.states = Arrays.copyOf(st, n);
    }

    public String scenarioName() {
        return scenarioName;
    }

    /** The seed the session was compiled with. */
    public long seed() {
        return seed;
    }

    public Timeline timeline() {
        return timeline;
    }

    public double durationS() {
        return timeline.durationS();
    }

    /** When the calibration routine ran (true time). */
    public TimeRange calibration() {
        return calibration;
    }

    public List<Episode> episodes() {
        return episodes;
    }

    public List<DrillEpisode> drills() {
        return drills;
    }

    public List<SwivelEpisode> swivels() {
        return swivels;
    }

    /** The steps as compiled (with inserted transitions), in the scenario language's terms. */
    public List<Step> steps() {
        return steps;
    }

    /** The state at true time {@code tS} (the first state before 0, the last after the end). */
    public TruthState stateAt(double tS) {
        int i = Arrays.binarySearch(stateStartS, tS);
        if (i < 0) {
            i = -i - 2;
        }
        return states[Math.max(0, i)];
    }
}
