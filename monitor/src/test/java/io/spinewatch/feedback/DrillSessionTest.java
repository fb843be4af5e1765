package io.spinewatch.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DrillSessionTest {
    private static final DrillCatalogue CATALOGUE = DrillCatalogue.bundled();

    @Nested
    class Target {
        @Test
        void targetCountsSetsAndSides() {
            assertEquals(20, DrillSession.targetReps(CATALOGUE.require("seated_pelvic_tilt")));
            assertEquals(60, DrillSession.targetReps(CATALOGUE.require("seated_thoracic_rotation")));
        }

        @Test
        void drillsNoSensorSeesCannotBeSessions() {
            assertThrows(IllegalArgumentException.class, () -> new DrillSession(CATALOGUE.require("chin_tuck_nod"), 0));
        }
    }

    @Nested
    class Counting {
        @Test
        void promptedSeatedPelvicTiltsWithHoldsCompleteTheDrill() {
            Drill drill = CATALOGUE.require("seated_pelvic_tilt");
            DrillSession session = new DrillSession(drill, 100);
            assertEquals(RepSignal.PELVIC_TILT, session.signal());
            Signals s = new Signals(21, 0.5).rest(2);
            for (int i = 0; i < drill.repetitions(); i++) s.minJerkRep(-12, 1, drill.holdSeconds()).rest(1);
            s.rest(2);
            List<RepEvent> holds = new ArrayList<>();
            for (double[] x : s.samples) {
                RepEvent e = session.update(100 + x[0], x[1]);
                if (e == RepEvent.HOLD_REACHED) holds.add(e);
            }
            assertTrue(session.complete());
            assertEquals(drill.repetitions(), session.reps());
            assertEquals(drill.repetitions(), session.heldReps(), "held");
            assertEquals(drill.repetitions(), holds.size(), "hold events");
            DrillSet set = session.toSet().orElseThrow();
            assertEquals("seated_pelvic_tilt", set.drillId());
            assertTrue(set.prompted());
            assertEquals(drill.repetitions(), set.reps());
            assertTrue(set.startSeconds() > 102 && set.endSeconds() < 100 + s.time());
        }

        @Test
        void abandonedDrillReportsWhatWasDoneAndNothingIfNothing() {
            Drill drill = CATALOGUE.require("seated_pelvic_tilt");
            DrillSession idle = new DrillSession(drill, 0);
            for (double[] x : new Signals(22, 0.5).rest(30).samples) idle.update(x[0], x[1]);
            assertTrue(idle.toSet().isEmpty());

            DrillSession partial = new DrillSession(drill, 0);
            Signals s = new Signals(23, 0.5).rest(2);
            for (int i = 0; i < 4; i++) s.minJerkRep(-12, 1, 5).rest(1);
            for (double[] x : s.rest(2).samples) partial.update(x[0], x[1]);
            assertFalse(partial.complete());
            assertEquals(4, partial.toSet().orElseThrow().reps());
        }
    }
}
