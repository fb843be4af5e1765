package io.spinewatch.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A plausible office session drawn from a seed: sitting upright, slouching, typing lean, the odd reach
 * and swivel, a drill now and then, and a walk break every 15-30 minutes; always ending seated.
 */
final class RandomOffice {
    private RandomOffice() {
    }

    /** Steps filling about {@code minutes} (the caller tops up the exact remainder). */
    static List<Step> steps(long seed, double minutes) {
        SplittableRandom rnd = new SplittableRandom(Seeds.mix(seed, 0x6f6666L));
        double total = minutes * 60;
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.Calibrate(12));
        double t = 12;
        double nextBreak = t + rnd.nextDouble(15, 30) * 60;
        // Leave room for the exact top-up and for transitions the compiler inserts.
        double budget = total - 25;
        while (t < budget) {
            double remaining = budget - t;
            if (t >= nextBreak && remaining > 120) {
                double stand = rnd.nextDouble(3, 8);
                double walk = Math.min(rnd.nextDouble(20, 90), remaining - 40);
                steps.add(new Step.Stand(stand));
                steps.add(new Step.Walk(walk));
                steps.add(new Step.Sit(rnd.nextDouble(3, 5)));
                t += Math.max(stand, Choreographer.STAND_UP_S) + walk + Choreographer.SIT_DOWN_S + 2.6;
                nextBreak = t + rnd.nextDouble(15, 30) * 60;
                continue;
            }
            double r = rnd.nextDouble();
            Step step;
            double estimate;
            if (r < 0.30) {
                double d = rnd.nextDouble(20, 120);
                step = new Step.Hold(Step.Posture.UPRIGHT, d);
                estimate = d;
            } else if (r < 0.58) {
                double d = rnd.nextDouble(30, 240);
                step = new Step.Hold(Step.Posture.SLOUCH, d);
                estimate = d;
            } else if (r < 0.78) {
                double d = rnd.nextDouble(30, 180);
                step = new Step.Hold(Step.Posture.LEAN, d);
                estimate = d;
            } else if (r < 0.86) {
                double angle = rnd.nextDouble(20, 120) * (rnd.nextBoolean() ? 1 : -1);
                double d = rnd.nextDouble(1.5, 4);
                step = new Step.Swivel(angle, d);
                estimate = d;
            } else if (r < 0.92) {
                double d = rnd.nextDouble(3, 5);
                step = new Step.Reach(d);
                estimate = d;
            } else {
                Step.DrillKind kind = Step.DrillKind.values()[rnd.nextInt(Step.DrillKind.values().length)];
                int reps = rnd.nextInt(5, 11);
                step = new Step.Drill(kind, reps);
                estimate = reps * kind.periodS * 1.1 + 2;
            }
            if (estimate > remaining) {
                break;
            }
            steps.add(step);
            t += estimate;
        }
        return steps;
    }
}
