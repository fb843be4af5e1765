package io.spinewatch.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PostureStateTest {

    @Nested
    class Labels {
        @Test
        void contractNamesAreTheDesignOnes() {
            // design.md lists exactly these names for the replay report's state column
            List<String> contract = List.of("calibrating", "upright", "slouched", "leaning", "standing", "walking", "no_signal");
            for (String name : contract) {
                assertEquals(name, PostureState.ofLabel(name).label());
            }
            assertEquals(contract.size(), PostureState.values().length);
        }

        @Test
        void labelRoundTripsForEveryState() {
            for (PostureState s : PostureState.values()) {
                assertEquals(s, PostureState.ofLabel(s.label()));
            }
        }

        @Test
        void unknownOrWrongCaseNameIsRejected() {
            assertThrows(IllegalArgumentException.class, () -> PostureState.ofLabel("SLOUCHED"));
            assertThrows(IllegalArgumentException.class, () -> PostureState.ofLabel("lying"));
            assertThrows(IllegalArgumentException.class, () -> PostureState.ofLabel(""));
        }
    }

    @Nested
    class Activity {
        @Test
        void seatedAndOnFeetAreDisjointAndCoverTheActiveStates() {
            EnumSet<PostureState> seated = EnumSet.noneOf(PostureState.class);
            EnumSet<PostureState> onFeet = EnumSet.noneOf(PostureState.class);
            for (PostureState s : PostureState.values()) {
                if (s.isSeated()) seated.add(s);
                if (s.isOnFeet()) onFeet.add(s);
                assertFalse(s.isSeated() && s.isOnFeet(), s.label());
            }
            assertEquals(EnumSet.of(PostureState.UPRIGHT, PostureState.SLOUCHED, PostureState.LEANING), seated);
            assertEquals(EnumSet.of(PostureState.STANDING, PostureState.WALKING), onFeet);
        }

        @Test
        void noSignalAndCalibratingAreNeither() {
            assertTrue(!PostureState.NO_SIGNAL.isSeated() && !PostureState.NO_SIGNAL.isOnFeet());
            assertTrue(!PostureState.CALIBRATING.isSeated() && !PostureState.CALIBRATING.isOnFeet());
        }
    }
}
