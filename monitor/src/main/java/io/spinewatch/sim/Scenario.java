package io.spinewatch.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A session to simulate: a script of {@link Step}s, or a random office session of a given length drawn
 * from the seed. {@link #compile} turns it into a {@link Session}. Named built-ins: see {@link #names()}.
 */
public final class Scenario {
    private static final Map<String, String> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put("demo", """
                calibrate 12s; upright 40s; slouch 60s; upright 20s; pelvic_tilts 8 reps
                lean 30s; swivel 90deg 3s; upright 10s; swivel -90deg 3s; reach 4s; upright 10s
                stand 5s; walk 20s; sit 5s; slouch 45s; chin_tucks 8 reps; upright 20s
                """);
        BUILT_IN.put("all-activities", """
                calibrate 12s; upright 30s; slouch 45s; upright 15s; lean 30s; reach 4s; upright 10s
                swivel 90deg 3s; swivel -180deg 5s; swivel 90deg 3s; upright 10s
                pelvic_tilts 8 reps; thoracic_rotations 6 reps; chin_tucks 10 reps; cat_cow 5 reps
                stand 6s; walk 24s; sit 5s; slouch 30s; upright 15s
                """);
        BUILT_IN.put("quick", "calibrate 12s; upright 10s; slouch 20s; lean 10s; swivel 90deg 3s; upright 5s");
    }

    private static final Map<String, Double> RANDOM_BUILT_IN = Map.of("office-hour", 60.0, "workday", 480.0);

    private final String name;
    private final List<Step> script;
    private final double randomMinutes;

    private Scenario(String name, List<Step> script, double randomMinutes) {
        this.name = name;
        this.script = script == null ? null : List.copyOf(script);
        this.randomMinutes = randomMinutes;
    }

    /** A scripted scenario from steps. */
    public static Scenario of(String name, List<Step> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs steps");
        }
        return new Scenario(name, steps, 0);
    }

    /** A scripted scenario in the scenario language ({@link ScenarioText}). */
    public static Scenario parse(String name, String script) {
        return new Scenario(name, ScenarioText.parse(script), 0);
    }

    /** A random office session of {@code minutes}, different for every seed. */
    public static Scenario randomOffice(double minutes) {
        if (!(minutes >= 1 && minutes <= 24 * 60)) {
            throw new IllegalArgumentException("minutes must be in 1..1440: " + minutes);
        }
        return new Scenario("random-" + ScenarioText.number(minutes) + "min", null, minutes);
    }

    /** The built-in scenario called {@code name}. */
    public static Scenario named(String name) {
        String script = BUILT_IN.get(name);
        if (script != null) {
            return parse(name, script);
        }
        Double minutes = RANDOM_BUILT_IN.get(name);
        if (minutes != null) {
            return new Scenario(name, null, minutes);
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "'; built in: " + String.join(", ", names()));
    }

    /** The built-in scenario names. */
    public static List<String> names() {
        List<String> n = new ArrayList<>(BUILT_IN.keySet());
        n.add("office-hour");
        n.add("workday");
        return n;
    }

    /** A Java builder for scripts. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** Whether the steps come from the seed rather than a script. */
    public boolean isRandom() {
        return script == null;
    }

    /** The steps for {@code seed}: the script, or the random session (ending exactly on its length). */
    public List<Step> steps(long seed) {
        if (script != null) {
            return script;
        }
        List<Step> steps = new ArrayList<>(RandomOffice.steps(seed, randomMinutes));
        double soFar = Choreographer.compile(name, steps, seed, BodyGeometry.ADULT, false).durationS();
        double rest = randomMinutes * 60 - soFar;
        if (rest > 1e-6) {
            steps.add(new Step.Hold(Step.Posture.UPRIGHT, rest));
        }
        return steps;
    }

    /** The session for {@code seed}, adult geometry, with breathing and re-settling. */
    public Session compile(long seed) {
        return compile(seed, BodyGeometry.ADULT, true);
    }

    /** The session for {@code seed}; {@code bodySway} adds breathing and small re-settling shifts in holds. */
    public Session compile(long seed, BodyGeometry geometry, boolean bodySway) {
        return Choreographer.compile(name, steps(seed), seed, geometry, bodySway);
    }

    /** Builds a script step by step. */
    public static final class Builder {
        private final String name;
        private final List<Step> steps = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder step(Step s) {
            steps.add(s);
            return this;
        }

        public Builder calibrate(double seconds) {
            return step(new Step.Calibrate(seconds));
        }

        public Builder upright(double seconds) {
            return step(new Step.Hold(Step.Posture.UPRIGHT, seconds));
        }

        public Builder slouch(double seconds) {
            return step(new Step.Hold(Step.Posture.SLOUCH, seconds));
        }

        public Builder lean(double seconds) {
            return step(new Step.Hold(Step.Posture.LEAN, seconds));
        }

        public Builder reach(double seconds) {
            return step(new Step.Reach(seconds));
        }

        public Builder swivel(double angleDeg, double seconds) {
            return step(new Step.Swivel(angleDeg, seconds));
        }

        public Builder stand(double seconds) {
            return step(new Step.Stand(seconds));
        }

        public Builder walk(double seconds) {
            return step(new Step.Walk(seconds));
        }

        public Builder sit(double seconds) {
            return step(new Step.Sit(seconds));
        }

        public Builder drill(Step.DrillKind kind, int reps) {
            return step(new Step.Drill(kind, reps));
        }

        public Scenario build() {
            return of(name, steps);
        }
    }
}
