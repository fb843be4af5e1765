package io.spinewatch.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.feedback.AlertEvent;
import io.spinewatch.feedback.AlertParams;
import io.spinewatch.feedback.DrillSet;
import io.spinewatch.posture.PostureParams;
import io.spinewatch.posture.PostureState;
import io.spinewatch.posture.SpineAngles;
import io.spinewatch.sim.Mountings;
import io.spinewatch.sim.Scenario;
import io.spinewatch.sim.SensorNoise;
import io.spinewatch.sim.Session;
import io.spinewatch.sim.TruthState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The labelled scenario suite: simulated wearers (random offices and a scripted tour of every activity, random
 * mountings, three noise levels including heavy radio loss) replayed through the {@link WearerPipeline} in memory,
 * scored against the simulator's truth. Prints a table of the measured figures.
 */
class ScenarioSuiteTest {
    static final double HOLD_SECONDS = 30;
    /** An alert this soon after a labelled slouch ended still belongs to it (exit hysteresis and confirmation). */
    static final double EXIT_TOLERANCE_SECONDS = 2;
    static final String TOUR = "calibrate 12s; upright 40s; slouch 20s; upright 30s; slouch 12s; lean 60s; reach 4s;"
            + " swivel 90deg 4s; upright 20s; swivel -90deg 4s; pelvic_tilts 10 reps; upright 20s; cat_cow 8 reps;"
            + " upright 20s; thoracic_rotations 8 reps; chin_tucks 8 reps; slouch 75s; upright 30s; stand 20s;"
            + " walk 40s; sit; upright 30s; slouch 50s; lean 40s; upright 20s";

    /**
     * Twice the noise, bias walk, accelerometer bias and scale errors of REALISTIC, five times the radio bursts; the
     * constant gyro bias stays at REALISTIC's 2 deg/s, the most the filter estimates (FilterParams.biasClipDegPerS).
     */
    static final SensorNoise NOISY = new SensorNoise(2 * SensorNoise.DEFAULT_ACC_NOISE, 2 * SensorNoise.DEFAULT_GYRO_NOISE,
            SensorNoise.DEFAULT_GYRO_BIAS, 2 * SensorNoise.DEFAULT_GYRO_BIAS_WALK, 2 * SensorNoise.DEFAULT_ACC_BIAS, 2, 2, true,
            SensorNoise.DEFAULT_ACC_RANGE_G, SensorNoise.DEFAULT_GYRO_RANGE, SensorNoise.DEFAULT_JITTER_US,
            SensorNoise.DEFAULT_CLOCK_OFFSET, SensorNoise.DEFAULT_DRIFT_PPM, 0.01, 30, 0.6, 0.4, 5);

    static final PipelineParams PARAMS = PipelineParams.defaults(AlertParams.DEFAULTS.withHoldSeconds(HOLD_SECONDS)
            .withMinGapSeconds(0).withDailyBudget(1000).withMovementBreak(false, 2700, 60));

    record Case(String name, Session session, SensorNoise noise, Mountings mountings) {
    }

    record Outcome(Case c, ScenarioRun run) {
    }

    static List<Case> cases() {
        List<Case> cs = new ArrayList<>();
        SensorNoise[] noises = {SensorNoise.REALISTIC, SensorNoise.NONE, NOISY};
        String[] noiseNames = {"realistic", "none", "noisy"};
        for (int i = 0; i < 24; i++) {
            long seed = 1000 + i;
            cs.add(new Case("office-" + seed + "/" + noiseNames[i % 3], Scenario.randomOffice(15).compile(seed),
                    noises[i % 3], Mountings.random(seed)));
        }
        for (int i = 0; i < 8; i++) {
            long seed = 2000 + i;
            SensorNoise n = i % 2 == 0 ? SensorNoise.REALISTIC : NOISY;
            cs.add(new Case("tour-" + seed + "/" + (i % 2 == 0 ? "realistic" : "noisy"),
                    Scenario.parse("tour", TOUR).compile(seed), n, Mountings.random(seed)));
        }
        return cs;
    }

    private static List<Outcome> outcomes;

    static synchronized List<Outcome> outcomes() {
        if (outcomes == null) {
            List<Case> cs = cases();
            outcomes = IntStream.range(0, cs.size()).parallel()
                    .mapToObj(i -> new Outcome(cs.get(i), ScenarioRun.run(cs.get(i).session(), cs.get(i).noise(),
                            cs.get(i).mountings(), PARAMS, ScenarioRun.ALL)))
                    .collect(Collectors.toList());
            printTable(outcomes);
        }
        return outcomes;
    }

    // ------------------------------------------------------------------ scoring

    /** Squared errors per angle while seated: lumbar, thoracic, tilt, lean; and the count. */
    static double[] sittingSquaredErrors(ScenarioRun r) {
        double[] se = new double[5];
        for (int k = 0; k < r.angles.size(); k++) {
            SpineAngles a = r.angles.get(k);
            int ti = r.truthIndex(a.tSeconds());
            TruthState ts = r.truthStates.get(ti);
            PostureState ps = r.states.get(k);
            if (!(ts == TruthState.UPRIGHT || ts == TruthState.SLOUCHED || ts == TruthState.LEANING)) continue;
            if (ps == PostureState.CALIBRATING || ps == PostureState.NO_SIGNAL) continue;
            double[] tr = r.truth.get(ti);
            double[] v = {a.lumbarFlexionDeg(), a.thoracicFlexionDeg(), a.pelvicTiltDeg(), a.trunkLeanDeg()};
            for (int j = 0; j < 4; j++) se[j] += (v[j] - tr[j + 1]) * (v[j] - tr[j + 1]);
            se[4]++;
        }
        return se;
    }

    /** A stretch of continuous truth slouching: labelled start, the instant its posture meets the slouch rule, end. */
    record Slouch(double startSeconds, double onsetSeconds, double endSeconds) {
        double length() {
            return endSeconds - startSeconds;
        }
    }

    static List<Slouch> slouches(ScenarioRun r) {
        List<Slouch> out = new ArrayList<>();
        PostureParams k = PostureParams.DEFAULT;
        int i = 0;
        int n = r.truth.size();
        while (i < n) {
            if (r.truthStates.get(i) != TruthState.SLOUCHED) {
                i++;
                continue;
            }
            int j = i;
            double onset = Double.NaN;
            while (j < n && r.truthStates.get(j) == TruthState.SLOUCHED) {
                double[] t = r.truth.get(j);
                boolean rule = t[1] >= k.lumbarSlouchEnterDeg() && t[3] >= k.posteriorTiltEnterDeg()
                        || t[1] >= k.lumbarOnlyEnterDeg() || t[2] >= k.thoracicSlouchEnterDeg();
                if (rule && Double.isNaN(onset)) onset = t[0];
                j++;
            }
            out.add(new Slouch(r.truth.get(i)[0], onset, r.truth.get(j - 1)[0]));
            i = j;
        }
        return out;
    }

    /** Per sustained slouch alerted exactly once: latency of its alert from the rule onset and from the labelled start. */
    record AlertScore(int sustained, int alertedOnce, List<Double> onsetLatency, List<Double> labelLatency, List<String> problems) {
    }

    static AlertScore scoreAlerts(Outcome o) {
        ScenarioRun r = o.run();
        List<Slouch> ss = slouches(r);
        List<AlertEvent> alerts = r.slouchAlerts();
        List<String> problems = new ArrayList<>();
        List<Double> onsetLat = new ArrayList<>();
        List<Double> labelLat = new ArrayList<>();
        int sustained = 0, once = 0;
        double end = r.session.durationS();
        for (Slouch s : ss) {
            List<AlertEvent> in = alerts.stream()
                    .filter(a -> a.tSeconds() >= s.startSeconds() && a.tSeconds() <= s.endSeconds() + EXIT_TOLERANCE_SECONDS).toList();
            boolean mustAlert = s.length() > HOLD_SECONDS + 5 && s.endSeconds() < end - 0.5 || s.length() > HOLD_SECONDS + 5 && end - s.startSeconds() > HOLD_SECONDS + 5;
            if (mustAlert) {
                sustained++;
                if (in.size() == 1) {
                    once++;
                    onsetLat.add(in.get(0).tSeconds() - s.onsetSeconds());
                    labelLat.add(in.get(0).tSeconds() - s.startSeconds());
                    // The bar, from the labelled start (when the wearer began to slump), as held-out
                    // recordings are scored; the rule-onset latency is printed only.
                    if (in.get(0).tSeconds() - s.startSeconds() > HOLD_SECONDS + 1) {
                        problems.add(String.format(Locale.ROOT, "%s: slouch %.1f-%.1f (rule met %.1f) alerted late at %.1f",
                                o.c().name(), s.startSeconds(), s.endSeconds(), s.onsetSeconds(), in.get(0).tSeconds()));
                    }
                } else {
                    problems.add(String.format(Locale.ROOT, "%s: slouch %.1f-%.1f alerted %d times", o.c().name(),
                            s.startSeconds(), s.endSeconds(), in.size()));
                }
            }
        }
        for (AlertEvent a : alerts) {
            boolean inSustained = ss.stream().anyMatch(s -> a.tSeconds() >= s.startSeconds() + HOLD_SECONDS - 2
                    && a.tSeconds() <= s.endSeconds() + EXIT_TOLERANCE_SECONDS && s.length() >= HOLD_SECONDS);
            if (!inSustained) {
                int ti = r.truthIndex(a.tSeconds());
                problems.add(String.format(Locale.ROOT, "%s: alert at %.1f outside a sustained slouch (truth %s)",
                        o.c().name(), a.tSeconds(), r.truthStates.get(ti).label()));
            }
        }
        return new AlertScore(sustained, once, onsetLat, labelLat, problems);
    }

    /** Per truth drill with a countable signal: counted repetitions minus true ones (null when no set matched). */
    record RepScore(String name, String drill, int truth, Integer counted) {
    }

    /** Truth drills grouped: back-to-back drills the same sensor signal counts are one set to the detector. */
    record TruthSet(String drill, String signal, double startSeconds, double endSeconds, int reps) {
    }

    static String signalOf(String drill) {
        return switch (drill) {
            case "pelvic_tilts", "cat_cow" -> "pelvic_tilt";
            case "thoracic_rotations" -> "thoracic_rotation";
            default -> "none"; // chin tucks: the back sensors cannot see them
        };
    }

    static List<TruthSet> truthSets(Session session) {
        List<TruthSet> out = new ArrayList<>();
        for (Session.DrillEpisode d : session.drills()) {
            String signal = signalOf(d.drill().label());
            if (signal.equals("none")) continue;
            TruthSet prev = out.isEmpty() ? null : out.get(out.size() - 1);
            if (prev != null && prev.signal().equals(signal) && d.startS() - prev.endSeconds() < 2) {
                out.set(out.size() - 1, new TruthSet(prev.drill() + "+" + d.drill().label(), signal, prev.startSeconds(),
                        d.endS(), prev.reps() + d.reps()));
            } else {
                out.add(new TruthSet(d.drill().label(), signal, d.startS(), d.endS(), d.reps()));
            }
        }
        return out;
    }

    static List<RepScore> scoreReps(Outcome o) {
        List<RepScore> out = new ArrayList<>();
        ScenarioRun r = o.run();
        List<TruthSet> truth = truthSets(r.session);
        for (TruthSet d : truth) {
            Integer counted = null;
            for (DrillSet s : r.drills) {
                // Each set belongs to the truth set it overlaps most.
                TruthSet best = null;
                double bestOverlap = 0;
                for (TruthSet e : truth) {
                    double overlap = Math.min(s.endSeconds(), e.endSeconds() + 1) - Math.max(s.startSeconds(), e.startSeconds() - 1);
                    if (overlap > bestOverlap) {
                        bestOverlap = overlap;
                        best = e;
                    }
                }
                if (best == d) {
                    counted = (counted == null ? 0 : counted) + ReplayRecorder.reportedReps(s);
                }
            }
            out.add(new RepScore(o.c().name(), d.drill(), d.reps(), counted));
        }
        return out;
    }

    static void printTable(List<Outcome> os) {
        double[] se = new double[5];
        List<Double> onset = new ArrayList<>();
        List<Double> label = new ArrayList<>();
        int sustained = 0, once = 0, exact = 0, offByOne = 0, sets = 0;
        long agree = 0, judged = 0;
        for (Outcome o : os) {
            ScenarioRun r = o.run();
            for (int k = 0; k < r.states.size(); k++) {
                TruthState ts = r.truthStates.get(r.truthIndex(r.angles.get(k).tSeconds()));
                if (ts == TruthState.DRILL || ts == TruthState.CALIBRATING) continue;
                judged++;
                if (ts.label().equals(r.states.get(k).label())) agree++;
            }
            double[] s = sittingSquaredErrors(o.run());
            for (int j = 0; j < 5; j++) se[j] += s[j];
            AlertScore a = scoreAlerts(o);
            sustained += a.sustained();
            once += a.alertedOnce();
            onset.addAll(a.onsetLatency());
            label.addAll(a.labelLatency());
            for (RepScore rs : scoreReps(o)) {
                sets++;
                if (rs.counted() != null && rs.counted() == rs.truth()) exact++;
                else if (rs.counted() != null && Math.abs(rs.counted() - rs.truth()) == 1) offByOne++;
            }
        }
        System.out.println("---- scenario suite: " + os.size() + " sessions ----");
        System.out.printf(Locale.ROOT, "RMSE while seated (deg): lumbar %.2f  thoracic %.2f  pelvic tilt %.2f  trunk lean %.2f  (%d steps)%n",
                Math.sqrt(se[0] / se[4]), Math.sqrt(se[1] / se[4]), Math.sqrt(se[2] / se[4]), Math.sqrt(se[3] / se[4]), (long) se[4]);
        System.out.printf(Locale.ROOT, "sustained slouches alerted exactly once: %d / %d%n", once, sustained);
        System.out.printf(Locale.ROOT, "alert latency (hold %.0f s)          median    min    max%n", HOLD_SECONDS);
        System.out.printf(Locale.ROOT, "  from labelled slouch start (s)   %6.1f %6.1f %6.1f   (asserted <= hold + 1)%n",
                pct(label, 50), pct(label, 0), pct(label, 100));
        System.out.printf(Locale.ROOT, "  from slouch-rule onset (s)       %6.1f %6.1f %6.1f%n", pct(onset, 50), pct(onset, 0), pct(onset, 100));
        System.out.printf(Locale.ROOT, "steps whose state matches the truth label (drills and calibration left out): %.1f %%%n",
                100.0 * agree / judged);
        System.out.printf(Locale.ROOT, "drill sets: %d exact, %d off by one, %d worse, of %d%n", exact, offByOne, sets - exact - offByOne, sets);
    }

    static double pct(List<Double> v, double p) {
        if (v.isEmpty()) return Double.NaN;
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int i = (int) Math.min(s.size() - 1, Math.round(p / 100 * (s.size() - 1)));
        return s.get(i);
    }

    // ------------------------------------------------------------------ assertions

    @Nested
    class Angles {
        @Test
        void rmseWhileSeatedIsAtMostTwoDegreesPerAngle() {
            double[] se = new double[5];
            for (Outcome o : outcomes()) {
                double[] s = sittingSquaredErrors(o.run());
                for (int j = 0; j < 5; j++) se[j] += s[j];
                double worst = 0;
                for (int j = 0; j < 4; j++) worst = Math.max(worst, Math.sqrt(s[j] / s[4]));
                assertTrue(worst <= 3, o.c().name() + ": per-session RMSE " + worst);
            }
            String[] names = {"lumbar", "thoracic", "pelvic tilt", "trunk lean"};
            for (int j = 0; j < 4; j++) {
                double rmse = Math.sqrt(se[j] / se[4]);
                assertTrue(rmse <= 2, names[j] + " RMSE " + rmse);
            }
        }

        @Test
        void everySessionCalibratesFromItsHinge() {
            for (Outcome o : outcomes()) {
                assertEquals(1, o.run().calibrations.size(), o.c().name());
                assertTrue(o.run().calibrations.get(0).hingeDetected(), o.c().name() + " " + o.run().calibrations.get(0));
            }
        }
    }

    @Nested
    class Alerts {
        @Test
        void everySustainedSlouchIsAlertedOnceWithinHoldPlusOneSecondAndNothingElseIs() {
            List<String> problems = new ArrayList<>();
            int sustained = 0;
            for (Outcome o : outcomes()) {
                AlertScore a = scoreAlerts(o);
                problems.addAll(a.problems());
                sustained += a.sustained();
            }
            assertTrue(sustained >= 30, "too few sustained slouches to judge: " + sustained);
            assertTrue(problems.isEmpty(), String.join("\n", problems));
        }
    }

    @Nested
    class Drills {
        @Test
        void repetitionCountsAreExactForNinetyPercentAndNeverOffByMoreThanOne() {
            List<RepScore> all = new ArrayList<>();
            for (Outcome o : outcomes()) all.addAll(scoreReps(o));
            assertTrue(all.size() >= 20, "too few drill sets to judge: " + all.size());
            long exact = all.stream().filter(s -> s.counted() != null && s.counted() == s.truth()).count();
            List<RepScore> bad = all.stream().filter(s -> s.counted() == null || Math.abs(s.counted() - s.truth()) > 1).toList();
            System.out.println("inexact drill sets: " + all.stream().filter(s -> s.counted() == null || s.counted() != s.truth()).toList());
            assertTrue(bad.isEmpty(), "off by more than one: " + bad);
            assertTrue(exact >= 0.9 * all.size(), "exact " + exact + " of " + all.size() + ": "
                    + all.stream().filter(s -> s.counted() == null || s.counted() != s.truth()).toList());
        }
    }

    @Nested
    class Robustness {
        /** Sessions replayed again at other sample rates and without the calibration mark. */
        List<Outcome> variants(double rateHz, boolean window) {
            List<Case> cs = cases();
            return IntStream.of(0, 25).parallel()
                    .mapToObj(i -> new Outcome(cs.get(i), ScenarioRun.run(cs.get(i).session(), cs.get(i).noise(),
                            cs.get(i).mountings(), PARAMS, ScenarioRun.ALL, rateHz, window)))
                    .toList();
        }

        void check(List<Outcome> os, boolean window) {
            for (Outcome o : os) {
                double[] se = sittingSquaredErrors(o.run());
                // The same per-session bound as the main suite (its 2 deg is over all sessions).
                for (int j = 0; j < 4; j++) assertTrue(Math.sqrt(se[j] / se[4]) <= 3, o.c().name() + " angle " + j + ": " + Math.sqrt(se[j] / se[4]));
                List<String> problems = scoreAlerts(o).problems();
                assertTrue(problems.isEmpty(), problems.toString());
                assertTrue(scoreReps(o).stream().allMatch(r -> r.counted() != null && Math.abs(r.counted() - r.truth()) <= 1));
            }
        }

        @Test
        void upperSensorAloneMeasuresTrunkLeanAndNeverAlertsOnTheFeet() {
            List<Case> cs = cases();
            List<Outcome> os = IntStream.of(1, 4, 26, 29).parallel()
                    .mapToObj(i -> new Outcome(cs.get(i), ScenarioRun.run(cs.get(i).session(), cs.get(i).noise(),
                            cs.get(i).mountings(), PARAMS, 1)))
                    .toList();
            for (Outcome o : os) {
                double[] se = sittingSquaredErrors(o.run());
                assertTrue(Math.sqrt(se[3] / se[4]) <= 2, o.c().name() + " lean RMSE " + Math.sqrt(se[3] / se[4]));
                for (AlertEvent a : o.run().slouchAlerts()) {
                    TruthState ts = o.run().truthStates.get(o.run().truthIndex(a.tSeconds()));
                    // One sensor cannot tell a slouch from a hip hinge, so a long lean may alert; standing,
                    // walking and drills must not.
                    assertTrue(ts == TruthState.SLOUCHED || ts == TruthState.LEANING, o.c().name() + " alert while " + ts);
                }
            }
        }

        @Test
        void twentyFiveAndTwoHundredHertzWorkAsWellAsAHundred() {
            check(variants(25, true), true);
            check(variants(200, true), true);
        }

        @Test
        void withoutTheCalibrationMarkTheHingeIsFoundInTheFirstSeconds() {
            List<Outcome> os = variants(100, false);
            for (Outcome o : os) assertTrue(o.run().calibrations.get(0).hingeDetected(), o.c().name());
            check(os, false);
        }
    }

    @Nested
    class Activity {
        @Test
        void walkingAndStandingAreRecognisedAndSittingResumes() {
            for (Outcome o : outcomes()) {
                if (!o.c().name().startsWith("tour")) continue;
                ScenarioRun r = o.run();
                boolean walked = r.changes.stream().anyMatch(c -> c.to() == PostureState.WALKING);
                assertTrue(walked, o.c().name() + ": walking not recognised");
                // After the walk the wearer sits: the last slouch must be seen as one.
                double lastSlouchStart = r.session.episodes().stream().filter(e -> e.state() == TruthState.SLOUCHED)
                        .mapToDouble(Session.Episode::startS).max().orElseThrow();
                assertTrue(r.changes.stream().anyMatch(c -> c.to() == PostureState.SLOUCHED && c.tSeconds() > lastSlouchStart),
                        o.c().name() + ": sitting not recognised after the walk");
            }
        }
    }
}
