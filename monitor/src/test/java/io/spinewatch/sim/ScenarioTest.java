package io.spinewatch.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    /** Episodes tile [0, duration] in order, and stateAt agrees with them. */
    private static void assertConsistent(Session s) {
        List<Session.Episode> eps = s.episodes();
        assertEquals(0, eps.get(0).startS(), 0);
        assertEquals(TruthState.CALIBRATING, eps.get(0).state());
        assertEquals(eps.get(0).startS(), s.calibration().startS(), 0);
        assertEquals(eps.get(0).endS(), s.calibration().endS(), 0);
        for (int i = 1; i < eps.size(); i++) {
            assertEquals(eps.get(i - 1).endS(), eps.get(i).startS(), 1e-9, "no gap before " + eps.get(i));
            assertTrue(eps.get(i).endS() > eps.get(i).startS());
        }
        assertEquals(s.durationS(), eps.get(eps.size() - 1).endS(), 1e-9);
        for (Session.Episode e : eps) {
            assertEquals(e.state(), s.stateAt((e.startS() + e.endS()) / 2), e.toString());
        }
    }

    @Nested
    class BuiltIns {
        @Test
        void everyBuiltInCompilesConsistently() {
            for (String name : List.of("demo", "all-activities", "quick", "office-hour")) {
                Session s = Scenario.named(name).compile(3);
                assertConsistent(s);
            }
            assertThrows(IllegalArgumentException.class, () -> Scenario.named("nope"));
        }

        @Test
        void allActivitiesCoversEveryStateAndDrill() {
            Session s = Scenario.named("all-activities").compile(1);
            for (TruthState st : TruthState.values()) {
                assertTrue(s.episodes().stream().anyMatch(e -> e.state() == st), "missing " + st);
            }
            for (Step.DrillKind k : Step.DrillKind.values()) {
                assertTrue(s.drills().stream().anyMatch(d -> d.drill() == k), "missing " + k);
            }
            assertEquals(3, s.swivels().size());
        }
    }

    @Nested
    class Durations {
        @Test
        void aScriptLastsTheSumOfItsSteps() {
            Session s = Scenario.parse("t", "calibrate 12s; upright 60s; slouch 90s; swivel 45deg 2s; lean 20s").compile(1);
            assertEquals(184, s.durationS(), 1e-9);
            assertEquals(List.of("calibrate", "upright", "slouch", "swivel", "lean"),
                    s.episodes().stream().map(Session.Episode::activity).toList());
            assertEquals(new Session.SwivelEpisode(162, 164, 45), s.swivels().get(0));
        }

        @Test
        void calibrationIsInsertedFirstAndTransitionsWhereNeeded() {
            Session s = Scenario.parse("t", "walk 20s; pelvic_tilts 8 reps").compile(1);
            assertEquals(List.of("calibrate", "stand", "walk", "sit", "pelvic_tilts"),
                    s.episodes().stream().map(Session.Episode::activity).toList());
            assertEquals(12, s.calibration().durationS(), 0);
            Session.DrillEpisode d = s.drills().get(0);
            assertEquals(8, d.reps());
            double period = (d.endS() - d.startS()) / 8;
            assertTrue(period > 3.5 && period < 4.5, "pelvic tilt period " + period);
        }

        @Test
        void seatedStepsAfterStandingSitDownFirst() {
            for (String next : List.of("upright 10s", "slouch 10s", "reach", "calibrate", "chin_tucks 3 reps")) {
                Session s = Scenario.parse("t", "calibrate; stand 5s; " + next).compile(2);
                assertConsistent(s);
                assertEquals("sit", s.episodes().get(2).activity(), next);
                assertEquals(Choreographer.SIT_DOWN_S, s.episodes().get(2).endS() - s.episodes().get(2).startS(), 1e-9);
                assertEquals(Scenario.parse("t", "calibrate; stand 5s; sit 2.4s; " + next).compile(2).durationS(),
                        s.durationS(), 1e-9, next);
            }
        }

        @Test
        void aRandomSessionLastsExactlyItsMinutesAndDependsOnTheSeed() {
            Scenario r = Scenario.randomOffice(45);
            Session a = r.compile(5);
            assertEquals(45 * 60, a.durationS(), 1e-6);
            assertConsistent(a);
            assertTrue(a.episodes().stream().anyMatch(e -> e.state() == TruthState.WALKING), "a walk break within 45 min");
            assertEquals(a.episodes(), r.compile(5).episodes());
            assertNotEquals(a.episodes(), r.compile(6).episodes());
        }

        @Test
        void shortRandomSessionsAreExactToo() {
            for (double minutes : new double[] {1, 3, 10}) {
                for (long seed = 0; seed < 10; seed++) {
                    Session s = Scenario.randomOffice(minutes).compile(seed);
                    assertEquals(minutes * 60, s.durationS(), 1e-6, minutes + " min, seed " + seed);
                    assertConsistent(s);
                }
            }
        }
    }

    @Nested
    class Truth {
        private final Session s = Scenario.parse("t",
                "calibrate 12s; upright 20s; slouch 30s; lean 20s; swivel 120deg 3s; lean 5s; stand 8s; sit 5s; pelvic_tilts 6 reps")
                .compile(4, BodyGeometry.ADULT, false);
        private final Timeline.Cursor cur = s.timeline().cursor();
        private final JointState js = new JointState();

        private JointState at(double t) {
            return cur.evaluate(t, js);
        }

        @Test
        void calibrationSitsTallThenHingesAtTheHipsWithAStraightBack() {
            assertEquals(0, at(3).pelvicTiltDeg(), 1e-12);
            double deepest = 0;
            for (double t = 6; t < 12; t += 0.05) {
                at(t);
                deepest = Math.min(deepest, js.pelvicTiltDeg());
                assertEquals(0, js.lumbarFlexionDeg(), 1e-12);
                assertEquals(0, js.thoracicFlexionDeg(), 1e-12);
            }
            assertTrue(deepest <= -20 && deepest >= -40, "hinge " + deepest);
        }

        @Test
        void posturesReachTheirTargets() {
            at(60);
            assertTrue(js.pelvicTiltDeg() > 5 && js.lumbarFlexionDeg() > 10 && js.thoracicFlexionDeg() > 5,
                    "slouched: tilt " + js.pelvicTiltDeg() + " lumbar " + js.lumbarFlexionDeg());
            at(80);
            assertTrue(js.pelvicTiltDeg() < -10 && js.lumbarFlexionDeg() < 5 && js.trunkLeanDeg() > 10,
                    "typing lean: tilt " + js.pelvicTiltDeg() + " lean " + js.trunkLeanDeg());
            at(95);
            assertTrue(js.value(Coordinate.BASE_Z) > 0.85 && js.pelvicTiltDeg() < 0, "standing");
        }

        @Test
        void turningTheWholeBodyChangesNoAngle() {
            JointState before = new JointState().copyFrom(at(81.9));
            double tilt = before.pelvicTiltDeg();
            for (double t = 82; t <= 85; t += 0.1) {
                at(t);
                assertEquals(tilt, js.pelvicTiltDeg(), 1e-12);
                assertEquals(before.trunkLeanDeg(), js.trunkLeanDeg(), 1e-12);
            }
            assertEquals(Math.toRadians(120), js.value(Coordinate.HEADING) - before.value(Coordinate.HEADING), 1e-9);
        }

        @Test
        void aDrillDoesItsRepetitionCount() {
            Session.DrillEpisode d = s.drills().get(0);
            int peaks = 0;
            boolean above = false;
            for (double t = d.startS(); t <= d.endS(); t += 0.01) {
                double tilt = at(t).pelvicTiltDeg();
                if (!above && tilt > 5) {
                    peaks++;
                    above = true;
                } else if (above && tilt < 0) {
                    above = false;
                }
            }
            assertEquals(6, peaks);
        }
    }
}
