package io.spinewatch.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScenarioTextTest {

    @Nested
    class Parsing {
        @Test
        void readsTheExampleSession() {
            List<Step> steps = ScenarioText.parse(
                    "calibrate 12s; upright 60s; slouch 90s; upright 30s; swivel 90deg 4s; stand 5s;\n"
                            + "walk 20s; sit; pelvic_tilts 8 reps # and a comment\nlean 1.5min; reach; chin-tucks 10 reps");
            assertEquals(List.of(
                    new Step.Calibrate(12),
                    new Step.Hold(Step.Posture.UPRIGHT, 60),
                    new Step.Hold(Step.Posture.SLOUCH, 90),
                    new Step.Hold(Step.Posture.UPRIGHT, 30),
                    new Step.Swivel(90, 4),
                    new Step.Stand(5),
                    new Step.Walk(20),
                    new Step.Sit(3),
                    new Step.Drill(Step.DrillKind.PELVIC_TILTS, 8),
                    new Step.Hold(Step.Posture.LEAN, 90),
                    new Step.Reach(4),
                    new Step.Drill(Step.DrillKind.CHIN_TUCKS, 10)), steps);
        }

        @Test
        void defaultsApplyWhereArgumentsAreLeftOut() {
            assertEquals(List.of(new Step.Calibrate(12), new Step.Swivel(-180, 4), new Step.Drill(Step.DrillKind.CAT_COW, 8)),
                    ScenarioText.parse("calibrate; swivel -180 deg; cat_cow"));
        }

        @Test
        void formatParsesBackToTheSameSteps() {
            List<Step> steps = Scenario.named("all-activities").steps(1);
            assertEquals(steps, ScenarioText.parse(ScenarioText.format(steps)));
        }
    }

    @Nested
    class Errors {
        @Test
        void aBadStepIsNamedWithItsNumber() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ScenarioText.parse("calibrate 12s; upright 60s; slouch; upright 5s"));
            assertTrue(e.getMessage().startsWith("step 3 'slouch'"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ScenarioText.parse("dance 5s"));
            assertThrows(IllegalArgumentException.class, () -> ScenarioText.parse("upright 5s 7s"));
            assertThrows(IllegalArgumentException.class, () -> ScenarioText.parse("pelvic_tilts 2.5 reps"));
            assertThrows(IllegalArgumentException.class, () -> ScenarioText.parse("walk 3s"));
            assertThrows(IllegalArgumentException.class, () -> ScenarioText.parse("  ;  # nothing"));
        }
    }
}
