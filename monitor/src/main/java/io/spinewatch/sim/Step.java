package io.spinewatch.sim;

/**
 * One step of a scripted session, as written in the scenario language (see {@link ScenarioText}). Steps
 * that need the wearer seated or standing get the transition inserted when compiled ({@link Choreographer}).
 */
public sealed interface Step {

    /** The step in the scenario language. */
    String text();

    /** The calibration routine: sit tall and still, then hinge forward at the hips with a straight back and return. */
    record Calibrate(double durationS) implements Step {
        public static final double MIN_S = 8;

        public Calibrate {
            if (!(durationS >= MIN_S && durationS <= 120)) {
                throw new IllegalArgumentException("calibrate needs " + MIN_S + "..120 s: " + durationS);
            }
        }

        @Override
        public String text() {
            return "calibrate " + ScenarioText.seconds(durationS);
        }
    }

    /** Seated postures held for a while. */
    enum Posture {
        /** Sitting tall: the calibrated neutral. */
        UPRIGHT("upright"),
        /** Pelvis tilted back, lumbar and thoracic spine rounded. */
        SLOUCH("slouch"),
        /** Typing lean: hinged forward at the hips with a neutral spine. */
        LEAN("lean");

        final String word;

        Posture(String word) {
            this.word = word;
        }
    }

    /** Move into a seated posture (about 2-6 s) and hold it; {@code durationS} includes the move. */
    record Hold(Posture posture, double durationS) implements Step {
        public Hold {
            positive(durationS);
        }

        @Override
        public String text() {
            return posture.word + " " + ScenarioText.seconds(durationS);
        }
    }

    /** Reach forward and to the side for something on the desk and come back (seated). */
    record Reach(double durationS) implements Step {
        public Reach {
            if (!(durationS >= 2.5 && durationS <= 30)) {
                throw new IllegalArgumentException("reach needs 2.5..30 s: " + durationS);
            }
        }

        @Override
        public String text() {
            return "reach " + ScenarioText.seconds(durationS);
        }
    }

    /** Turn the whole body (swivel chair, or turning on the spot when standing); + = to the left. */
    record Swivel(double angleDeg, double durationS) implements Step {
        public Swivel {
            if (!(Math.abs(angleDeg) <= 720 && durationS >= 0.5 && durationS <= 60)) {
                throw new IllegalArgumentException("swivel needs |angle| <= 720 deg and 0.5..60 s");
            }
        }

        @Override
        public String text() {
            return "swivel " + ScenarioText.number(angleDeg) + "deg " + ScenarioText.seconds(durationS);
        }
    }

    /** Stand up (about 2.4 s) and stand still; {@code durationS} includes standing up. */
    record Stand(double durationS) implements Step {
        public Stand {
            positive(durationS);
        }

        @Override
        public String text() {
            return "stand " + ScenarioText.seconds(durationS);
        }
    }

    /** Walk away, turn, walk back and turn to face the chair again; stands up first if seated. */
    record Walk(double durationS) implements Step {
        public static final double MIN_S = 8;

        public Walk {
            if (!(durationS >= MIN_S && durationS <= 3600)) {
                throw new IllegalArgumentException("walk needs " + MIN_S + "..3600 s: " + durationS);
            }
        }

        @Override
        public String text() {
            return "walk " + ScenarioText.seconds(durationS);
        }
    }

    /** Sit down (about 2.4 s) and sit tall; {@code durationS} includes sitting down. */
    record Sit(double durationS) implements Step {
        public Sit {
            positive(durationS);
        }

        @Override
        public String text() {
            return "sit " + ScenarioText.seconds(durationS);
        }
    }

    /** The corrective drills, with their names in scenarios, JSON and the drill catalogue. */
    enum DrillKind {
        /** Pelvis rocks posterior and anterior, 10-15 deg each way. */
        PELVIC_TILTS("pelvic_tilts", 4.0),
        /** Upper trunk twists left and right. */
        THORACIC_ROTATIONS("thoracic_rotations", 5.0),
        /** Neck only: the back sensors barely move. */
        CHIN_TUCKS("chin_tucks", 3.0),
        /** Seated cat/cow: the whole spine rounds with a posterior tilt, then arches. */
        CAT_COW("cat_cow", 6.0);

        private final String label;
        final double periodS;

        DrillKind(String label, double periodS) {
            this.label = label;
            this.periodS = periodS;
        }

        public String label() {
            return label;
        }

        /** The drill with this label, or null. */
        public static DrillKind ofLabel(String s) {
            for (DrillKind k : values()) {
                if (k.label.equals(s)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** A drill of {@code reps} repetitions (seated); sits down first if standing. */
    record Drill(DrillKind kind, int reps) implements Step {
        public Drill {
            if (reps < 1 || reps > 100) {
                throw new IllegalArgumentException("reps must be in 1..100: " + reps);
            }
        }

        @Override
        public String text() {
            return kind.label() + " " + reps + " reps";
        }
    }

    private static void positive(double durationS) {
        if (!(durationS > 0 && durationS <= 24 * 3600)) {
            throw new IllegalArgumentException("duration must be in (0, 24 h]: " + durationS);
        }
    }
}
