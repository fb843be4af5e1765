package io.spinewatch.sim;

import static io.spinewatch.sim.Coordinate.BASE_X;
import static io.spinewatch.sim.Coordinate.BASE_Y;
import static io.spinewatch.sim.Coordinate.BASE_Z;
import static io.spinewatch.sim.Coordinate.HEADING;
import static io.spinewatch.sim.Coordinate.LUMBAR_BEND;
import static io.spinewatch.sim.Coordinate.LUMBAR_FLEXION;
import static io.spinewatch.sim.Coordinate.LUMBAR_TWIST;
import static io.spinewatch.sim.Coordinate.PELVIS_PITCH;
import static io.spinewatch.sim.Coordinate.PELVIS_ROLL;
import static io.spinewatch.sim.Coordinate.THORACIC_BEND;
import static io.spinewatch.sim.Coordinate.THORACIC_FLEXION;
import static io.spinewatch.sim.Coordinate.THORACIC_TWIST;

import io.spinewatch.trace.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Compiles scenario steps into a {@link Session}: turns each step into smooth motion terms and labels.
 *
 * <p>Every move is a minimum-jerk change or an enveloped oscillation, so rates and accelerations stay
 * continuous. Postures vary a little per occurrence (drawn from the seed), long holds include small
 * re-settling shifts, and breathing rocks the thoracic spine throughout (when {@code bodySway}). The
 * calibration routine always comes first: one is inserted when the script does not start with it.
 *
 * <p>Posture targets, degrees relative to sitting tall (pelvic tilt + posterior, flexion + rounding):
 * slouch tilt +12, lumbar +18, thoracic +10 (each +-25 % per occurrence); typing lean: hip hinge of 18
 * deg (tilt -18) with a near-neutral spine; standing: tilt -8, lumbar -10 (the lordosis standing
 * restores), thoracic +2, so the upper trunk stands about as upright as it sits tall. Walking: 1.1-1.3 m/s, 1.8-2.0 steps/s, vertical bounce +-2 cm at step
 * frequency, lateral sway +-2 cm and pelvic rotation +-4 deg at stride frequency with thoracic
 * counter-rotation.
 */
final class Choreographer {
    static final double STAND_UP_S = 2.4;
    static final double SIT_DOWN_S = 2.4;
    private static final double WALK_TURN_S = 2.0;

    private final BodyGeometry geometry;
    private final boolean bodySway;
    private final SplittableRandom rnd;
    /** Breathing and re-settling draw from their own stream, so switching them off changes no timing. */
    private final SplittableRandom swayRnd;
    private final Timeline.Builder builder = new Timeline.Builder();
    private final double[] cur = new double[Coordinate.COUNT];
    private final List<Session.Episode> episodes = new ArrayList<>();
    private final List<Session.DrillEpisode> drills = new ArrayList<>();
    private final List<Session.SwivelEpisode> swivels = new ArrayList<>();
    private final List<Step> compiled = new ArrayList<>();
    private double t;
    private boolean standing;
    private TruthState seatedState = TruthState.UPRIGHT;
    private double chairX;
    private double chairY;
    private TimeRange calibration;

    private Choreographer(BodyGeometry geometry, long seed, boolean bodySway) {
        this.geometry = geometry;
        this.bodySway = bodySway;
        this.rnd = new SplittableRandom(Seeds.mix(seed, 0x63686f72L));
        this.swayRnd = new SplittableRandom(Seeds.mix(seed, 0x73776179L));
        double heading = rnd.nextDouble(-Math.PI, Math.PI);
        cur[BASE_Z.ordinal()] = geometry.seatedBaseHeightM();
        cur[HEADING.ordinal()] = heading;
        builder.initial(BASE_Z, cur[BASE_Z.ordinal()]).initial(HEADING, heading);
    }

    /** Compiles {@code steps} for {@code seed}; {@code bodySway} adds breathing and re-settling shifts. */
    static Session compile(String name, List<Step> steps, long seed, BodyGeometry geometry, boolean bodySway) {
        Choreographer c = new Choreographer(geometry, seed, bodySway);
        List<Step> all = new ArrayList<>(steps);
        if (all.isEmpty() || !(all.get(0) instanceof Step.Calibrate)) {
            all.add(0, new Step.Calibrate(12));
        }
        for (Step s : all) {
            c.run(s);
        }
        return c.finish(name, seed);
    }

    private void run(Step step) {
        if (step instanceof Step.Calibrate s) {
            calibrate(s);
        } else if (step instanceof Step.Hold s) {
            hold(s);
        } else if (step instanceof Step.Reach s) {
            reach(s);
        } else if (step instanceof Step.Swivel s) {
            swivel(s);
        } else if (step instanceof Step.Stand s) {
            stand(s);
        } else if (step instanceof Step.Walk s) {
            walk(s);
        } else if (step instanceof Step.Sit s) {
            sit(s);
        } else if (step instanceof Step.Drill s) {
            drill(s);
        }
    }

    private Session finish(String name, long seed) {
        double end = t;
        if (bodySway) {
            double breathHz = swayRnd.nextDouble(0.2, 0.3);
            double ramp = Math.min(2, end / 2);
            builder.add(THORACIC_FLEXION, new Term.Oscillation(0, end, Math.toRadians(0.4), breathHz, 0, ramp));
            builder.add(LUMBAR_FLEXION, new Term.Oscillation(0, end, Math.toRadians(0.15), breathHz, Math.PI, ramp));
        }
        return new Session(name, seed, builder.build(end), calibration, episodes, drills, swivels, compiled);
    }

    // ---- steps ----

    private void calibrate(Step.Calibrate s) {
        ensureSeated();
        settleUpright();
        double t0 = t;
        double hingeDeg = rnd.nextDouble(25, 35);
        double back = t0 + s.durationS() - 1.4;
        double hold = back - 1.8;
        double out = hold - 1.0;
        double start = out - 1.8;
        move(PELVIS_PITCH, Math.toRadians(hingeDeg), start, out);
        move(PELVIS_PITCH, 0, hold, back);
        t = t0 + s.durationS();
        if (calibration == null) {
            calibration = new TimeRange(t0, t);
        }
        episode(t0, TruthState.CALIBRATING, "calibrate");
        compiled.add(s);
        seatedState = TruthState.UPRIGHT;
    }

    /** Moves to sitting tall over 2 s when not already there (before calibration and drills). */
    private void settleUpright() {
        if (angleOffNeutral() > 1e-9) {
            double t0 = t;
            pose(0, 0, 0, t0, t0 + 2);
            t = t0 + 2;
            episode(t0, TruthState.UPRIGHT, "upright");
            compiled.add(new Step.Hold(Step.Posture.UPRIGHT, 2));
            seatedState = TruthState.UPRIGHT;
        }
    }

    private void hold(Step.Hold s) {
        ensureSeated();
        double t0 = t;
        double dur = s.durationS();
        double pitch;
        double lumbar;
        double thoracic;
        double moveS;
        TruthState state;
        switch (s.posture()) {
            case SLOUCH -> {
                pitch = -12 * vary();
                lumbar = 18 * vary();
                thoracic = 10 * vary();
                moveS = 6;
                state = TruthState.SLOUCHED;
            }
            case LEAN -> {
                pitch = 18 * vary();
                lumbar = rnd.nextDouble(0, 4);
                thoracic = rnd.nextDouble(0, 4);
                moveS = 2;
                state = TruthState.LEANING;
            }
            default -> {
                pitch = rnd.nextDouble(-1.5, 1.5);
                lumbar = rnd.nextDouble(-1.5, 1.5);
                thoracic = rnd.nextDouble(-1.5, 1.5);
                moveS = 2.5;
                state = TruthState.UPRIGHT;
            }
        }
        moveS = Math.min(moveS, dur / 2);
        pose(pitch, lumbar, thoracic, t0, t0 + moveS);
        if (bodySway && dur - moveS >= 30) {
            int shifts = (int) ((dur - moveS) / 25);
            double slot = (dur - moveS - 3) / shifts;
            for (int k = 0; k < shifts; k++) {
                double at = t0 + moveS + k * slot + swayRnd.nextDouble(0.5, slot - 2);
                pose(pitch + swayRnd.nextGaussian() * 1.2, lumbar + swayRnd.nextGaussian() * 1.2,
                        thoracic + swayRnd.nextGaussian() * 1.2, at, at + 1.5);
            }
        }
        t = t0 + dur;
        episode(t0, state, s.posture().word);
        compiled.add(s);
        seatedState = state;
    }

    private void reach(Step.Reach s) {
        ensureSeated();
        double t0 = t;
        double[] before = cur.clone();
        double side = rnd.nextBoolean() ? 1 : -1;
        double outEnd = t0 + 1.2;
        double backStart = t0 + s.durationS() - 1.2;
        move(PELVIS_PITCH, Math.toRadians(28 * vary()), t0, outEnd);
        move(LUMBAR_FLEXION, Math.toRadians(8 * vary()), t0, outEnd);
        move(THORACIC_FLEXION, Math.toRadians(6 * vary()), t0, outEnd);
        move(THORACIC_TWIST, Math.toRadians(side * 20 * vary()), t0, outEnd);
        move(LUMBAR_BEND, Math.toRadians(-side * 6 * vary()), t0, outEnd);
        for (Coordinate c : new Coordinate[] {PELVIS_PITCH, LUMBAR_FLEXION, THORACIC_FLEXION, THORACIC_TWIST, LUMBAR_BEND}) {
            move(c, before[c.ordinal()], backStart, t0 + s.durationS());
        }
        t = t0 + s.durationS();
        episode(t0, TruthState.LEANING, "reach");
        compiled.add(s);
    }

    private void swivel(Step.Swivel s) {
        double t0 = t;
        move(HEADING, cur[HEADING.ordinal()] + Math.toRadians(s.angleDeg()), t0, t0 + s.durationS());
        t = t0 + s.durationS();
        TruthState state = standing ? TruthState.STANDING : seatedState;
        episode(t0, state, "swivel");
        swivels.add(new Session.SwivelEpisode(t0, t, s.angleDeg()));
        compiled.add(s);
    }

    private void stand(Step.Stand s) {
        double t0 = t;
        if (!standing) {
            standUp();
        }
        t = Math.max(t, t0 + s.durationS());
        episode(t0, TruthState.STANDING, "stand");
        compiled.add(s);
    }

    private void walk(Step.Walk s) {
        if (!standing) {
            double t0 = t;
            standUp();
            episode(t0, TruthState.STANDING, "stand");
            compiled.add(new Step.Stand(t - t0));
        }
        double t0 = t;
        double dur = s.durationS();
        double leg = (dur - 2 * WALK_TURN_S) / 2;
        double ramp = Math.min(1.0, leg / 2.5);
        double speed = rnd.nextDouble(1.1, 1.3);
        double stepHz = rnd.nextDouble(1.8, 2.0);
        double strideHz = stepHz / 2;
        double heading = cur[HEADING.ordinal()];
        leg(t0, t0 + leg, heading, speed * (leg - ramp), ramp, stepHz, strideHz);
        move(HEADING, heading + Math.PI, t0 + leg, t0 + leg + WALK_TURN_S);
        double back0 = t0 + leg + WALK_TURN_S;
        leg(back0, back0 + leg, heading + Math.PI, speed * (leg - ramp), ramp, stepHz, strideHz);
        move(HEADING, heading, back0 + leg, t0 + dur);
        // Gait over the whole walk, turns included (stepping on the spot).
        double gr = 1.0;
        double end = t0 + dur;
        builder.add(BASE_Z, new Term.Oscillation(t0, end, 0.02, stepHz, -Math.PI / 2, gr));
        builder.add(PELVIS_PITCH, new Term.Oscillation(t0, end, Math.toRadians(1.5), stepHz, 0, gr));
        builder.add(HEADING, new Term.Oscillation(t0, end, Math.toRadians(4), strideHz, 0, gr));
        builder.add(THORACIC_TWIST, new Term.Oscillation(t0, end, Math.toRadians(6), strideHz, Math.PI, gr));
        builder.add(PELVIS_ROLL, new Term.Oscillation(t0, end, Math.toRadians(3), strideHz, Math.PI / 2, gr));
        builder.add(THORACIC_BEND, new Term.Oscillation(t0, end, Math.toRadians(2), strideHz, -Math.PI / 2, gr));
        t = end;
        episode(t0, TruthState.WALKING, "walk");
        compiled.add(s);
    }

    /** One straight leg of a walk with forward surge and lateral sway. */
    private void leg(double t0, double t1, double dirRad, double distanceM, double rampS, double stepHz, double strideHz) {
        double c = Math.cos(dirRad);
        double s = Math.sin(dirRad);
        builder.add(BASE_X, new Term.Cruise(t0, t1, c * distanceM, rampS));
        builder.add(BASE_Y, new Term.Cruise(t0, t1, s * distanceM, rampS));
        cur[BASE_X.ordinal()] += c * distanceM;
        cur[BASE_Y.ordinal()] += s * distanceM;
        double r = Math.min(0.5, (t1 - t0) / 2);
        double surge = 0.015;
        double sway = 0.02;
        builder.add(BASE_X, new Term.Oscillation(t0, t1, c * surge, stepHz, Math.PI / 2, r));
        builder.add(BASE_Y, new Term.Oscillation(t0, t1, s * surge, stepHz, Math.PI / 2, r));
        builder.add(BASE_X, new Term.Oscillation(t0, t1, -s * sway, strideHz, 0, r));
        builder.add(BASE_Y, new Term.Oscillation(t0, t1, c * sway, strideHz, 0, r));
    }

    private void sit(Step.Sit s) {
        double t0 = t;
        if (standing) {
            sitDown(TruthState.UPRIGHT);
            t = Math.max(t, t0 + s.durationS());
            episode(t0, TruthState.UPRIGHT, "sit");
        } else {
            double moveS = Math.min(2, s.durationS());
            pose(0, 0, 0, t0, t0 + moveS);
            t = t0 + s.durationS();
            episode(t0, TruthState.UPRIGHT, "upright");
        }
        seatedState = TruthState.UPRIGHT;
        compiled.add(s);
    }

    private void drill(Step.Drill s) {
        ensureSeated();
        settleUpright();
        double t0 = t;
        double period = s.kind().periodS * rnd.nextDouble(0.9, 1.1);
        double end = t0 + s.reps() * period;
        double ramp = period / 4;
        switch (s.kind()) {
            case PELVIC_TILTS -> {
                double a = Math.toRadians(rnd.nextDouble(10, 15));
                // Posterior first: the pitch goes negative while the lumbar spine rounds with it.
                builder.add(PELVIS_PITCH, new Term.Oscillation(t0, end, -a, 1 / period, 0, ramp));
                builder.add(LUMBAR_FLEXION, new Term.Oscillation(t0, end, 0.6 * a, 1 / period, 0, ramp));
                builder.add(THORACIC_FLEXION, new Term.Oscillation(t0, end, 0.15 * a, 1 / period, 0, ramp));
            }
            case THORACIC_ROTATIONS -> {
                double a = Math.toRadians(rnd.nextDouble(30, 40));
                builder.add(THORACIC_TWIST, new Term.Oscillation(t0, end, a, 1 / period, 0, ramp));
                builder.add(LUMBAR_TWIST, new Term.Oscillation(t0, end, a / 7, 1 / period, 0, ramp));
            }
            case CHIN_TUCKS -> builder.add(THORACIC_FLEXION,
                    new Term.Oscillation(t0, end, Math.toRadians(-0.5), 1 / period, 0, ramp));
            case CAT_COW -> {
                double k = vary();
                builder.add(PELVIS_PITCH, new Term.Oscillation(t0, end, Math.toRadians(-10 * k), 1 / period, 0, ramp));
                builder.add(LUMBAR_FLEXION, new Term.Oscillation(t0, end, Math.toRadians(18 * k), 1 / period, 0, ramp));
                builder.add(THORACIC_FLEXION, new Term.Oscillation(t0, end, Math.toRadians(12 * k), 1 / period, 0, ramp));
            }
        }
        t = end;
        episode(t0, TruthState.DRILL, s.kind().label());
        drills.add(new Session.DrillEpisode(s.kind(), t0, end, s.reps()));
        compiled.add(s);
        seatedState = TruthState.UPRIGHT;
    }

    // ---- transitions ----

    /** Sits down first (labelled as a sit step) when the step needs the wearer seated. */
    private void ensureSeated() {
        if (standing) {
            double t0 = t;
            sitDown(TruthState.UPRIGHT);
            episode(t0, TruthState.UPRIGHT, "sit");
            compiled.add(new Step.Sit(t - t0));
        }
    }

    private void standUp() {
        double t0 = t;
        double h = cur[HEADING.ordinal()];
        chairX = cur[BASE_X.ordinal()];
        chairY = cur[BASE_Y.ordinal()];
        double mid = t0 + 1.0;
        double end = t0 + STAND_UP_S;
        move(PELVIS_PITCH, Math.toRadians(35), t0, mid);
        move(PELVIS_PITCH, Math.toRadians(8), mid, end);
        move(LUMBAR_FLEXION, Math.toRadians(6), t0, mid);
        move(LUMBAR_FLEXION, Math.toRadians(-10), mid, end);
        move(THORACIC_FLEXION, 0, t0, mid);
        move(THORACIC_FLEXION, Math.toRadians(2), mid, end);
        for (Coordinate c : new Coordinate[] {PELVIS_ROLL, LUMBAR_BEND, LUMBAR_TWIST, THORACIC_BEND, THORACIC_TWIST}) {
            move(c, 0, t0, mid);
        }
        move(BASE_Z, geometry.standingBaseHeightM(), t0 + 0.7, end);
        move(BASE_X, chairX + Math.cos(h) * geometry.standForwardM(), t0 + 0.3, t0 + 2.0);
        move(BASE_Y, chairY + Math.sin(h) * geometry.standForwardM(), t0 + 0.3, t0 + 2.0);
        t = end;
        standing = true;
    }

    private void sitDown(TruthState after) {
        double t0 = t;
        double mid = t0 + 1.2;
        double end = t0 + SIT_DOWN_S;
        move(PELVIS_PITCH, Math.toRadians(30), t0, mid);
        move(PELVIS_PITCH, 0, mid, end);
        move(LUMBAR_FLEXION, Math.toRadians(5), t0, mid);
        move(LUMBAR_FLEXION, 0, mid, end);
        move(THORACIC_FLEXION, 0, t0, mid);
        for (Coordinate c : new Coordinate[] {PELVIS_ROLL, LUMBAR_BEND, LUMBAR_TWIST, THORACIC_BEND, THORACIC_TWIST}) {
            move(c, 0, t0, mid);
        }
        move(BASE_Z, geometry.seatedBaseHeightM(), t0 + 0.2, t0 + 2.0);
        move(BASE_X, chairX, t0 + 0.4, t0 + 2.1);
        move(BASE_Y, chairY, t0 + 0.4, t0 + 2.1);
        t = end;
        standing = false;
        seatedState = after;
    }

    // ---- helpers ----

    /** A multiplicative variation of +-25 %. */
    private double vary() {
        return rnd.nextDouble(0.75, 1.25);
    }

    private double angleOffNeutral() {
        double m = 0;
        for (int c = PELVIS_PITCH.ordinal(); c < Coordinate.COUNT; c++) {
            m = Math.max(m, Math.abs(cur[c]));
        }
        return m;
    }

    /** Moves the sagittal angles (degrees) to targets and lateral bend and twist to 0. */
    private void pose(double pitchDeg, double lumbarDeg, double thoracicDeg, double t0, double t1) {
        move(PELVIS_PITCH, Math.toRadians(pitchDeg), t0, t1);
        move(LUMBAR_FLEXION, Math.toRadians(lumbarDeg), t0, t1);
        move(THORACIC_FLEXION, Math.toRadians(thoracicDeg), t0, t1);
        for (Coordinate c : new Coordinate[] {PELVIS_ROLL, LUMBAR_BEND, LUMBAR_TWIST, THORACIC_BEND, THORACIC_TWIST}) {
            move(c, 0, t0, t1);
        }
    }

    private void move(Coordinate c, double target, double t0, double t1) {
        double delta = target - cur[c.ordinal()];
        if (delta != 0) {
            builder.add(c, new Term.MinJerk(t0, t1, delta));
            cur[c.ordinal()] = target;
        }
    }

    /** Labels [t0, t) with one episode. */
    private void episode(double t0, TruthState state, String activity) {
        if (t > t0) {
            episodes.add(new Session.Episode(t0, t, state, activity));
        }
    }
}
