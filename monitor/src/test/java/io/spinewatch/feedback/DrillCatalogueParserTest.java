package io.spinewatch.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spinewatch.posture.PosturePattern;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DrillCatalogueParserTest {
    private static final String SOURCE = """
            [source a]
            file = 000_0000000000000000.txt
            title = An article
            """;

    private static String drill(String id, String... overrides) {
        StringBuilder sb = new StringBuilder("[drill " + id + "]\n");
        String[][] fields = {
                {"name", "A drill"}, {"area", "pelvis"}, {"patterns", "posterior_pelvic_tilt, forward_lean"},
                {"setting", "seated"}, {"position", "sitting"}, {"equipment", "none"}, {"counted_by", "pelvic_tilt"},
                {"hold_seconds", "5"}, {"repetitions", "20"}, {"sets", "1"}, {"per_side", "no"}, {"dosage", "article"},
                {"source", "a"}, {"caution", "none"}};
        outer:
        for (String[] f : fields) {
            for (String o : overrides) {
                if (o.startsWith(f[0] + " =") || o.equals("-" + f[0])) continue outer;
            }
            sb.append(f[0]).append(" = ").append(f[1]).append('\n');
        }
        for (String o : overrides) {
            if (!o.startsWith("-")) sb.append(o).append('\n');
        }
        sb.append("step = First.\nstep = Second.\n");
        return sb.toString();
    }

    private static String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> DrillCatalogueParser.parse(text, "t")).getMessage();
    }

    @Nested
    class Valid {
        @Test
        void parsesEveryField() {
            DrillCatalogue c = DrillCatalogueParser.parse("# comment\n" + SOURCE + "\n" + drill("x_1", "note = ours"), "t");
            Drill d = c.require("x_1");
            assertEquals("A drill", d.name());
            assertEquals(Set.of(PosturePattern.POSTERIOR_PELVIC_TILT, PosturePattern.FORWARD_LEAN), d.patterns());
            assertEquals(Optional.of(RepSignal.PELVIC_TILT), d.countedBy());
            assertEquals(Optional.empty(), d.equipment());
            assertEquals(Optional.empty(), d.caution());
            assertEquals(Optional.of("ours"), d.note());
            assertEquals(java.util.List.of("First.", "Second."), d.steps());
            assertEquals("An article", d.source().title());
            assertTrue(d.dosageFromArticle());
        }

        @Test
        void defaultDosageKeepsItsReasonAndNoneMeansEmpty() {
            DrillCatalogue c = DrillCatalogueParser.parse(SOURCE + drill("y", "dosage = default: none given", "patterns = none",
                    "counted_by = none"), "t");
            Drill d = c.require("y");
            assertEquals(Optional.of("none given"), d.dosageNote());
            assertTrue(d.patterns().isEmpty());
            assertTrue(d.countedBy().isEmpty());
        }
    }

    @Nested
    class Invalid {
        @Test
        void missingFieldIsNamedWithItsSection() {
            String msg = error(SOURCE + drill("m", "-area"));
            assertTrue(msg.contains("[drill m]") && msg.contains("missing area"), msg);
        }

        @Test
        void unknownKeyAndDuplicateKeyCarryTheirLine() {
            String msg = error(SOURCE + drill("k", "colour = red").replace("[drill k]\n", "[drill k]\nname = Twice\n"));
            assertTrue(msg.contains("unknown key colour"), msg);
            assertTrue(msg.contains("duplicate key name"), msg);
            assertTrue(msg.matches(".*line \\d+.*"), msg);
        }

        @Test
        void duplicateIdUnknownSourceAndBadValuesAreRejected() {
            assertTrue(error(SOURCE + drill("d") + drill("d")).contains("duplicate drill id"));
            assertTrue(error(SOURCE + drill("s", "source = b")).contains("unknown source b"));
            assertTrue(error(SOURCE + drill("n", "hold_seconds = five")).contains("not a number"));
            assertTrue(error(SOURCE + drill("r", "repetitions = 0")).contains("repetitions"));
            assertTrue(error(SOURCE + drill("p", "patterns = hunch")).contains("unknown posture pattern"));
            assertTrue(error(SOURCE + drill("q", "per_side = maybe")).contains("per_side"));
            assertTrue(error(SOURCE + drill("g", "dosage = some")).contains("dosage"));
            assertTrue(error(SOURCE + drill("Bad-Id")).contains("snake_case"));
        }

        @Test
        void malformedLinesAreReported() {
            assertTrue(error("name = orphan\n" + SOURCE).contains("outside a section"));
            assertTrue(error(SOURCE + "[drill x\n").contains("unclosed"));
            assertTrue(error(SOURCE + "[exercise x]\n").contains("header must be"));
            assertTrue(error(SOURCE + "just words\n").contains("expected key = value"));
        }

        @Test
        void everyProblemIsListedAtOnce() {
            String msg = error(SOURCE + drill("a1", "-area") + drill("a2", "-name"));
            assertTrue(msg.contains("[drill a1]") && msg.contains("[drill a2]"), msg);
        }
    }
}
