package io.spinewatch.feedback;

import static io.spinewatch.posture.PostureState.SLOUCHED;
import static io.spinewatch.posture.PostureState.STANDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.posture.PosturePattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DrillCoachTest {
    private static final DrillCatalogue CATALOGUE = DrillCatalogue.bundled();

    @Nested
    class PatternToDrill {
        @Test
        void posteriorPelvicTiltWhileSeatedGetsSeatedPelvisDrills() {
            DrillCoach coach = new DrillCoach(CATALOGUE);
            for (int i = 0; i < 10; i++) {
                Drill d = coach.suggest(PosturePattern.POSTERIOR_PELVIC_TILT, SLOUCHED);
                assertTrue(d.answers(PosturePattern.POSTERIOR_PELVIC_TILT), d.id());
                assertTrue(d.deskFriendly(), d.id());
            }
            assertEquals("seated_pelvic_tilt", new DrillCoach(CATALOGUE).suggest(PosturePattern.POSTERIOR_PELVIC_TILT, SLOUCHED).id(),
                    "the countable drill comes first");
        }

        @Test
        void roundedUpperBackGetsTheCountedThoracicRotation() {
            DrillCoach coach = new DrillCoach(CATALOGUE);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 12; i++) {
                seen.add(coach.suggest(PosturePattern.ROUNDED_UPPER_BACK, SLOUCHED).id());
            }
            assertEquals(Set.of("seated_thoracic_rotation"), seen);
        }

        @Test
        void onTheFeetPrefersStandingDrills() {
            DrillCoach coach = new DrillCoach(CATALOGUE);
            assertEquals(DrillSetting.STANDING, coach.suggest(PosturePattern.POSTERIOR_PELVIC_TILT, STANDING).setting());
            assertEquals(DrillSetting.STANDING, coach.suggest(PosturePattern.ROUNDED_UPPER_BACK, STANDING).setting());
        }

        @Test
        void neverAFloorDrillWhenASeatedOneAnswers() {
            DrillCoach coach = new DrillCoach(CATALOGUE);
            for (PosturePattern p : PosturePattern.values()) {
                for (Drill d : coach.candidates(p, SLOUCHED)) {
                    assertEquals(DrillSetting.SEATED, d.setting(), p + ": " + d.id());
                }
            }
        }

        @Test
        void unknownPatternStillGetsASlouchDrill() {
            Drill d = new DrillCoach(CATALOGUE).suggest(null, SLOUCHED);
            assertTrue(!d.patterns().isEmpty() && d.deskFriendly(), d.id());
        }

        @Test
        void generalDrillsAreNeverSuggestedForASlouch() {
            DrillCoach coach = new DrillCoach(CATALOGUE);
            for (int i = 0; i < 30; i++) {
                for (PosturePattern p : PosturePattern.values()) {
                    assertTrue(!coach.suggest(p, SLOUCHED).id().equals("forward_flexion_stretch"));
                }
            }
        }
    }

    /**
     * Every pattern the classifier can report (and an unknown one), seated and on the feet: which drills the coach
     * suggests over many alerts. docs/feedback.md shows the same table.
     */
    @Nested
    class SuggestionTable {
        /** The drills suggested over a dozen requests, in order of first appearance. */
        List<String> suggested(PosturePattern pattern, io.spinewatch.posture.PostureState state) {
            DrillCoach coach = new DrillCoach(CATALOGUE);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String id = coach.suggest(pattern, state).id();
                if (!ids.contains(id)) ids.add(id);
            }
            return ids;
        }

        @Test
        void eachPatternGetsTheDrillsOfItsRegionThatTheSensorsCount() {
            java.util.Map<String, List<String>> table = new java.util.LinkedHashMap<>();
            List<PosturePattern> patterns = new ArrayList<>(List.of(PosturePattern.values()));
            patterns.add(null);
            for (PosturePattern p : patterns) {
                String name = p == null ? "unknown" : p.label();
                table.put(name + " seated", suggested(p, SLOUCHED));
                table.put(name + " on feet", suggested(p, STANDING));
            }
            table.forEach((k, v) -> System.out.println("coach table: " + k + " -> " + v));
            java.util.Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
            expected.put("posterior_pelvic_tilt seated", List.of("seated_pelvic_tilt"));
            expected.put("posterior_pelvic_tilt on feet", List.of("standing_pelvic_tilt"));
            expected.put("rounded_upper_back seated", List.of("seated_thoracic_rotation"));
            expected.put("rounded_upper_back on feet", List.of("doorway_chest_stretch"));
            expected.put("forward_lean seated", List.of("chin_tuck_nod", "elbow_flares"));
            expected.put("forward_lean on feet", List.of("chin_tuck_nod", "elbow_flares"));
            expected.put("unknown seated", List.of("seated_pelvic_tilt", "seated_thoracic_rotation"));
            expected.put("unknown on feet", List.of("standing_pelvic_tilt"));
            assertEquals(expected, table);
        }

        /** The regions each pattern is corrected at, as PosturePattern's documentation names its answers. */
        Set<TargetArea> regions(PosturePattern p) {
            return switch (p) {
                case POSTERIOR_PELVIC_TILT -> Set.of(TargetArea.PELVIS, TargetArea.LUMBAR);
                case ROUNDED_UPPER_BACK -> Set.of(TargetArea.THORACIC, TargetArea.SHOULDER_GIRDLE);
                case FORWARD_LEAN -> Set.of(TargetArea.CERVICAL, TargetArea.SHOULDER_GIRDLE);
            };
        }

        @Test
        void aSlouchNeverGetsADrillOffItsRegionOrAnUncountedOneWhenACountedOneFits() {
            for (PosturePattern p : PosturePattern.values()) {
                for (io.spinewatch.posture.PostureState state : List.of(SLOUCHED, STANDING)) {
                    DrillCoach coach = new DrillCoach(CATALOGUE);
                    for (int i = 0; i < 12; i++) {
                        Drill d = coach.suggest(p, state);
                        assertTrue(regions(p).contains(d.area()), p + " " + state + ": " + d.id() + " works on " + d.area());
                        boolean countedFits = CATALOGUE.drills().stream().anyMatch(o -> o.answers(p) && o.setting() == d.setting()
                                && regions(p).contains(o.area()) && o.countedBy().isPresent());
                        assertTrue(!countedFits || d.countedBy().isPresent(), p + " " + state + ": " + d.id() + " is not counted");
                    }
                }
            }
        }

        @Test
        void theHipDrillIsNotSuggestedForAPelvicTiltSlouch() {
            DrillCoach coach = new DrillCoach(CATALOGUE);
            for (int i = 0; i < 12; i++) {
                assertEquals("seated_pelvic_tilt", coach.suggest(PosturePattern.POSTERIOR_PELVIC_TILT, SLOUCHED).id(), "request " + i);
            }
        }
    }

    @Nested
    class Rotation {
        @Test
        void consecutiveSuggestionsDifferWhenThereAreAlternatives() {
            DrillCoach coach = new DrillCoach(CATALOGUE);
            Drill prev = null;
            for (int i = 0; i < 20; i++) {
                PosturePattern p = PosturePattern.values()[i % 2];
                Drill d = coach.suggest(p, SLOUCHED);
                if (prev != null) assertNotEquals(prev.id(), d.id());
                prev = d;
            }
        }

        @Test
        void rotationVisitsEveryCandidate() {
            DrillCoach coach = new DrillCoach(CATALOGUE);
            List<Drill> candidates = coach.candidates(PosturePattern.FORWARD_LEAN, SLOUCHED);
            Set<Drill> seen = new HashSet<>();
            for (int i = 0; i < candidates.size(); i++) {
                seen.add(coach.suggest(PosturePattern.FORWARD_LEAN, SLOUCHED));
            }
            assertEquals(new HashSet<>(candidates), seen);
        }

        @Test
        void sameCallsGiveTheSameSequence() {
            DrillCoach a = new DrillCoach(CATALOGUE);
            DrillCoach b = new DrillCoach(CATALOGUE);
            List<String> sa = new ArrayList<>();
            List<String> sb = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                PosturePattern p = PosturePattern.values()[(i * 7) % 3];
                sa.add(a.suggest(p, SLOUCHED).id());
                sb.add(b.suggest(p, SLOUCHED).id());
            }
            assertEquals(sa, sb);
        }
    }

    @Nested
    class MovementBreaks {
        @Test
        void breaksGetStandingDrillsInRotation() {
            DrillCoach coach = new DrillCoach(CATALOGUE);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                Drill d = coach.suggestMovementBreak();
                assertEquals(DrillSetting.STANDING, d.setting(), d.id());
                seen.add(d.id());
            }
            assertTrue(seen.size() >= 2, seen.toString());
        }

        @Test
        void alertKindChoosesBetweenSlouchAndBreakDrills() {
            DrillCoach coach = new DrillCoach(CATALOGUE);
            AlertEvent brk = new AlertEvent(1, AlertKind.MOVEMENT_BREAK, Delivery.DELIVERED, HapticPattern.MOVEMENT_BREAK,
                    Optional.empty(), 2700, 0, "seated");
            assertEquals(DrillSetting.STANDING, coach.suggestFor(brk, SLOUCHED).setting());
            AlertEvent slouch = new AlertEvent(1, AlertKind.SLOUCH, Delivery.DELIVERED, HapticPattern.SLOUCH,
                    Optional.of(PosturePattern.POSTERIOR_PELVIC_TILT), 30, 0, "slouched");
            assertTrue(coach.suggestFor(slouch, SLOUCHED).answers(PosturePattern.POSTERIOR_PELVIC_TILT));
        }

        @Test
        void catalogueWithoutStandingDrillsIsRejected() {
            List<Drill> seatedOnly = CATALOGUE.drills().stream().filter(d -> d.setting() != DrillSetting.STANDING).toList();
            assertThrows(IllegalArgumentException.class, () -> new DrillCoach(new DrillCatalogue(CATALOGUE.sources(), seatedOnly)));
        }
    }
}
