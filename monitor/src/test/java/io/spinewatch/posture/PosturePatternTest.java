package io.spinewatch.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PosturePatternTest {

    @Nested
    class Labels {
        @Test
        void labelRoundTrips() {
            for (PosturePattern p : PosturePattern.values()) {
                assertEquals(p, PosturePattern.ofLabel(p.label()));
            }
        }

        @Test
        void labelsAreSnakeCase() {
            for (PosturePattern p : PosturePattern.values()) {
                assertTrue(p.label().matches("[a-z]+(_[a-z]+)*"), p.label());
            }
        }

        @Test
        void unknownNameIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> PosturePattern.ofLabel("hunchback"));
        }
    }
}
