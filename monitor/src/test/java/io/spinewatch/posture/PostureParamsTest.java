package io.spinewatch.posture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.pipeline.PipelineParams;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PostureParamsTest {
    @Nested
    class Defaults {
        @Test
        void exitThresholdsSitBelowEnterThresholds() {
            PostureParams p = PostureParams.DEFAULT;
            assertTrue(p.lumbarSlouchExitDeg() < p.lumbarSlouchEnterDeg());
            assertTrue(p.thoracicSlouchExitDeg() < p.thoracicSlouchEnterDeg());
            assertTrue(p.hingeExitDeg() < p.hingeEnterDeg());
            assertTrue(p.slouchConfirmSeconds() < PipelineParams.DEFAULT.alerts().holdSeconds());
        }
    }

    @Nested
    class Validation {
        @Test
        void anExitAboveItsEnterOrANegativeTimeIsRefused() {
            PostureParams d = PostureParams.DEFAULT;
            assertThrows(IllegalArgumentException.class, () -> new PostureParams(10, 12, 3, 0, 18, 13, 12, 8, 15, 10, 12, 8, 8, 5, 10, 6, 0.5, 3));
            assertThrows(IllegalArgumentException.class, () -> new PostureParams(10, 6, 3, 0, 18, 13, 12, 8, 15, 10, 12, 8, 8, 5, 10, 6, -1, 3));
            assertThrows(IllegalArgumentException.class, () -> new PostureParams(10, 6, 3, 0, 18, 13, 12, 8, 15, 10, 12, 8, 8, 5, 10, 6, 0.5, Double.NaN));
            assertTrue(d.confirmSeconds() >= 0);
        }

        @Test
        void activityAndPipelineSettingsAreCheckedToo() {
            ActivityParams a = ActivityParams.DEFAULT;
            assertThrows(IllegalArgumentException.class, () -> new ActivityParams(a.motionGyroRadPerS(), a.motionAccMps2(),
                    a.motionGyroRadPerS() * 2, a.quietAccMps2(), a.quietSeconds(), a.transitionMinM(), a.maxTransitionSeconds(),
                    a.walkStdMps2(), a.walkAutocorrelation(), a.walkEnterSeconds(), a.walkExitSeconds(), true,
                    a.seatedLumbarDeg(), a.seatedPostureSeconds()));
            assertThrows(IllegalArgumentException.class, () -> PipelineParams.DEFAULT.withStepRateHz(1));
            assertThrows(IllegalArgumentException.class, () -> PipelineParams.DEFAULT.withStepRateHz(Double.NaN));
        }
    }
}
