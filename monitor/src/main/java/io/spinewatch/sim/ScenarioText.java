package io.spinewatch.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scenario language: steps separated by {@code ;} or line breaks, {@code #} starts a comment.
 * <pre>
 *   calibrate 12s; upright 60s; slouch 1.5min; upright 30s; swivel 90deg 4s; stand 5s; walk 20s; sit
 *   pelvic_tilts 8 reps; lean 45s; reach; chin_tucks 10 reps; thoracic_rotations 6 reps; cat_cow 5 reps
 * </pre>
 * Durations take {@code s} or {@code min}; angles {@code deg}; drills {@code reps}. Omitted arguments take
 * defaults: calibrate 12 s, reach 4 s, stand 5 s, sit 3 s, swivel 1 s per 45 deg (at least 1.5 s), 8 reps.
 */
public final class ScenarioText {
    private ScenarioText() {
    }

    /** Parses a script; throws IllegalArgumentException naming the step that is wrong. */
    public static List<Step> parse(String script) {
        List<Step> steps = new ArrayList<>();
        int number = 0;
        for (String line : script.split("\n")) {
            int hash = line.indexOf('#');
            String code = hash >= 0 ? line.substring(0, hash) : line;
            for (String raw : code.split(";")) {
                String s = raw.strip();
                if (s.isEmpty()) {
                    continue;
                }
                number++;
                try {
                    steps.add(step(s));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("step " + number + " '" + s + "': " + e.getMessage(), e);
                }
            }
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("the scenario has no steps");
        }
        return List.copyOf(steps);
    }

    /** The script of {@code steps}, one per line; parses back to equal steps. */
    public static String format(List<Step> steps) {
        StringBuilder b = new StringBuilder();
        for (Step s : steps) {
            b.append(s.text()).append('\n');
        }
        return b.toString();
    }

    private static Step step(String s) {
        String[] words = s.toLowerCase(Locale.ROOT).split("\\s+");
        String verb = words[0].replace('-', '_');
        Args a = new Args(words);
        Step step = switch (verb) {
            case "calibrate" -> new Step.Calibrate(a.seconds(12));
            case "upright", "sit_tall" -> new Step.Hold(Step.Posture.UPRIGHT, a.requiredSeconds());
            case "slouch", "slouched" -> new Step.Hold(Step.Posture.SLOUCH, a.requiredSeconds());
            case "lean", "typing", "leaning" -> new Step.Hold(Step.Posture.LEAN, a.requiredSeconds());
            case "reach" -> new Step.Reach(a.seconds(4));
            case "swivel", "turn" -> {
                double angle = a.degrees();
                yield new Step.Swivel(angle, a.seconds(Math.max(1.5, Math.abs(angle) / 45)));
            }
            case "stand" -> new Step.Stand(a.seconds(5));
            case "walk" -> new Step.Walk(a.requiredSeconds());
            case "sit" -> new Step.Sit(a.seconds(3));
            default -> {
                Step.DrillKind kind = Step.DrillKind.ofLabel(verb);
                if (kind == null) {
                    throw new IllegalArgumentException("unknown step '" + words[0] + "'");
                }
                yield new Step.Drill(kind, a.reps(8));
            }
        };
        a.requireAllUsed();
        return step;
    }

    /** The arguments of one step, each consumed at most once. */
    private static final class Args {
        private final List<String> items = new ArrayList<>();

        Args(String[] words) {
            // Join "8 reps" and "90 deg" written with a space into one token.
            for (int i = 1; i < words.length; i++) {
                String w = words[i];
                if (i + 1 < words.length && isNumber(w) && !isNumber(words[i + 1])) {
                    w = w + words[++i];
                }
                items.add(w);
            }
        }

        double seconds(double dflt) {
            for (int i = 0; i < items.size(); i++) {
                String w = items.get(i);
                Double v = withUnit(w, "s", "sec", "secs", "second", "seconds");
                Double m = withUnit(w, "min", "mins", "minute", "minutes", "m");
                if (v != null || m != null) {
                    items.remove(i);
                    return v != null ? v : m * 60;
                }
            }
            return dflt;
        }

        double requiredSeconds() {
            double s = seconds(Double.NaN);
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException("needs a duration such as 30s or 2min");
            }
            return s;
        }

        double degrees() {
            for (int i = 0; i < items.size(); i++) {
                Double v = withUnit(items.get(i), "deg", "degrees", "\u00b0");
                if (v != null) {
                    items.remove(i);
                    return v;
                }
            }
            throw new IllegalArgumentException("needs an angle such as 90deg");
        }

        int reps(int dflt) {
            for (int i = 0; i < items.size(); i++) {
                Double v = withUnit(items.get(i), "reps", "rep", "x");
                if (v != null) {
                    items.remove(i);
                    if (v != Math.rint(v)) {
                        throw new IllegalArgumentException("reps must be a whole number");
                    }
                    return (int) (double) v;
                }
            }
            return dflt;
        }

        void requireAllUsed() {
            if (!items.isEmpty()) {
                throw new IllegalArgumentException("unexpected '" + String.join(" ", items) + "'");
            }
        }

        private static Double withUnit(String w, String... units) {
            for (String u : units) {
                if (w.endsWith(u) && w.length() > u.length()) {
                    String num = w.substring(0, w.length() - u.length());
                    if (isNumber(num)) {
                        return Double.parseDouble(num);
                    }
                }
            }
            return null;
        }

        private static boolean isNumber(String s) {
            return s.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
        }
    }

    /** {@code 12s}, {@code 2.5s}. */
    static String seconds(double s) {
        return number(s) + "s";
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
