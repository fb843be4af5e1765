package io.spinewatch.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EpisodeTrackerTest {
    @Nested
    class Episodes {
        @Test
        void aChangeOfStateEndsTheEpisodeAndFinishEndsTheLast() {
            EpisodeTracker t = new EpisodeTracker("ann");
            List<EpisodeRecord> out = new ArrayList<>();
            String[] states = {"upright", "upright", "slouched", "slouched", "slouched", "upright"};
            for (int i = 0; i < states.length; i++) {
                t.update(1000L * i, states[i]).ifPresent(out::add);
            }
            t.finish(6000).ifPresent(out::add);
            assertEquals(List.of(new EpisodeRecord("ann", 0, 2000, "upright"), new EpisodeRecord("ann", 2000, 5000, "slouched"),
                    new EpisodeRecord("ann", 5000, 6000, "upright")), out);
            assertTrue(t.finish(7000).isEmpty(), "nothing in progress after finish");
        }
    }
}
