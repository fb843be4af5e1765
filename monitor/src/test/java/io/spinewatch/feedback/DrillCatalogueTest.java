package io.spinewatch.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.posture.PosturePattern;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DrillCatalogueTest {
    private static final DrillCatalogue CATALOGUE = DrillCatalogue.bundled();
    /** Where the source articles live on the project machines; tests that read them skip elsewhere. */
    private static final Path SEEDS = Path.of("/work/shared/seeds");

    @Nested
    class Completeness {
        @Test
        void atLeastTwelveDrillsWithUniqueIds() {
            assertTrue(CATALOGUE.drills().size() >= 12, "drills: " + CATALOGUE.drills().size());
            Set<String> ids = new HashSet<>();
            for (Drill d : CATALOGUE.drills()) {
                assertTrue(ids.add(d.id()), "duplicate " + d.id());
                assertEquals(d, CATALOGUE.require(d.id()));
            }
        }

        @Test
        void everyDrillHasStepsDosageAndASourceThatIsListed() {
            for (Drill d : CATALOGUE.drills()) {
                assertTrue(d.steps().size() >= 3, d.id() + " has too few steps");
                for (String step : d.steps()) {
                    assertTrue(step.length() <= 200, d.id() + ": steps are short: " + step);
                    assertTrue(Character.isUpperCase(step.charAt(0)) && step.endsWith("."), d.id() + ": step is a sentence: " + step);
                }
                assertTrue(CATALOGUE.sources().contains(d.source()), d.id());
                assertTrue(d.dosageFromArticle() || d.dosageNote().isPresent(), d.id());
                assertTrue(d.holdSeconds() >= 0 && d.repetitions() >= 1 && d.sets() >= 1, d.id());
            }
        }

        @Test
        void everySourceIsUsedAndEveryArticleContributes() {
            for (DrillSource s : CATALOGUE.sources()) {
                assertTrue(CATALOGUE.drills().stream().anyMatch(d -> d.source().equals(s)), s.key() + " unused");
                assertTrue(s.file().matches("\\d{3}_[0-9a-f]{16}\\.txt"), s.file());
            }
            assertEquals(3, CATALOGUE.sources().size());
        }

        @Test
        void everyPatternHasADeskDrillAndBreaksHaveStandingDrills() {
            for (PosturePattern p : PosturePattern.values()) {
                assertTrue(CATALOGUE.drills().stream().anyMatch(d -> d.answers(p) && d.deskFriendly()), p.label());
            }
            assertTrue(CATALOGUE.drills().stream().filter(d -> d.setting() == DrillSetting.STANDING).count() >= 2);
        }

        @Test
        void sensorCountedDrillsUseTheSignalThatFitsTheirArea() {
            for (Drill d : CATALOGUE.drills()) {
                if (d.area() == TargetArea.PELVIS) {
                    assertEquals(Optional.of(RepSignal.PELVIC_TILT), d.countedBy(), d.id());
                }
                if (d.id().contains("rotation")) {
                    assertEquals(Optional.of(RepSignal.THORACIC_ROTATION), d.countedBy(), d.id());
                }
                if (d.area() == TargetArea.CERVICAL) {
                    assertTrue(d.countedBy().isEmpty(), d.id() + ": no sensor sits on the head");
                }
            }
            assertEquals(Optional.of(RepSignal.LUMBAR_FLEXION), CATALOGUE.require("cat_camel").countedBy());
        }

        @Test
        void articleFactsAreKept() {
            // spot checks against the articles' numbers
            Drill seated = CATALOGUE.require("seated_pelvic_tilt");
            assertEquals(5, seated.holdSeconds());
            assertEquals(20, seated.repetitions());
            Drill chin = CATALOGUE.require("chin_tuck_nod");
            assertEquals(30, chin.repetitions());
            Drill rotation = CATALOGUE.require("seated_thoracic_rotation");
            assertEquals(30, rotation.repetitions());
            assertTrue(rotation.perSide());
            assertEquals(10, CATALOGUE.require("supine_pelvic_tilt").repetitions());
            assertFalse(CATALOGUE.require("opening_the_book").dosageFromArticle(), "the article gives no count");
        }
    }

    @Nested
    class Sources {
        @Test
        void sourceFilesExistAndCarryTheirTitle() throws IOException {
            Assumptions.assumeTrue(Files.isDirectory(SEEDS), "seed articles not found at " + SEEDS);
            for (DrillSource s : CATALOGUE.sources()) {
                Path file = SEEDS.resolve(s.file());
                assertTrue(Files.isRegularFile(file), file.toString());
                String text = Files.readString(file, StandardCharsets.UTF_8);
                assertTrue(text.contains(s.title()), s.key() + ": title not in " + s.file());
            }
        }

        @Test
        void stepsAreInOurOwnWords() throws IOException {
            Assumptions.assumeTrue(Files.isDirectory(SEEDS), "seed articles not found at " + SEEDS);
            // no run of 7 consecutive words of a step may appear in any article
            Set<String> articleShingles = new HashSet<>();
            for (DrillSource s : CATALOGUE.sources()) {
                articleShingles.addAll(shingles(Files.readString(SEEDS.resolve(s.file()), StandardCharsets.UTF_8), 7));
            }
            List<String> copied = new ArrayList<>();
            for (Drill d : CATALOGUE.drills()) {
                List<String> texts = new ArrayList<>(d.steps());
                d.caution().ifPresent(texts::add);
                for (String text : texts) {
                    for (String sh : shingles(text, 7)) {
                        if (articleShingles.contains(sh)) copied.add(d.id() + ": \"" + sh + "\"");
                    }
                }
            }
            assertTrue(copied.isEmpty(), String.join("\n", copied));
        }

        private static Set<String> shingles(String text, int n) {
            String[] words = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]+", " ").trim().split("\\s+");
            Set<String> out = new HashSet<>();
            for (int i = 0; i + n <= words.length; i++) {
                out.add(String.join(" ", List.of(words).subList(i, i + n)));
            }
            return out;
        }
    }

    @Nested
    class Docs {
        @Test
        void feedbackDocListsEveryDrillWithItsDosage() throws IOException {
            Path doc = Path.of("..", "docs", "feedback.md");
            Assumptions.assumeTrue(Files.isRegularFile(doc), "docs/feedback.md not found from " + Path.of("").toAbsolutePath());
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            for (Drill d : CATALOGUE.drills()) {
                String row = text.lines().filter(l -> l.startsWith("| `" + d.id() + "` |")).findFirst().orElse(null);
                assertTrue(row != null, d.id() + " missing from the docs table");
                assertTrue(row.contains("| " + d.repetitions()), d.id() + ": repetitions differ in the docs: " + row);
                assertTrue(row.contains("| " + d.source().key() + " |"), d.id() + ": source differs in the docs: " + row);
            }
        }
    }

    @Nested
    class Construction {
        @Test
        void duplicateIdsOrUnlistedSourcesAreRejected() {
            Drill d = CATALOGUE.drills().get(0);
            assertThrows(IllegalArgumentException.class, () -> new DrillCatalogue(CATALOGUE.sources(), List.of(d, d)));
            assertThrows(IllegalArgumentException.class, () -> new DrillCatalogue(List.of(), List.of(d)));
        }

        @Test
        void unknownIdIsEmptyOrThrows() {
            assertTrue(CATALOGUE.byId("handstand").isEmpty());
            assertThrows(IllegalArgumentException.class, () -> CATALOGUE.require("handstand"));
        }
    }
}
