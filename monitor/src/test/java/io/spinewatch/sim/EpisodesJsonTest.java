package io.spinewatch.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EpisodesJsonTest {

    @Nested
    class Strings {
        @Test
        void quotesBackslashesAndControlCharactersAreEscaped() {
            String nasty = "a\"b\\c\nd\te\u0001f\u2028";
            String quoted = EpisodesJson.quote(nasty);
            assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001f\\u2028\"", quoted);
            assertEquals(nasty, Json.parse(quoted));
        }
    }

    @Nested
    class Document {
        @Test
        @SuppressWarnings("unchecked")
        void isValidJsonHoldingEveryLabel() {
            Session s = Scenario.parse("we\"ird", "calibrate 12s; slouch 20s; swivel 30deg 2s; stand 5s; walk 10s; cat_cow 3 reps")
                    .compile(8);
            Simulation.Config c = Simulation.Config.of(50, SensorNoise.REALISTIC.withDrops(0.001, 600, 0.5), Mountings.random(8));
            SimulationResult r = Simulation.run(s, c, x -> { });
            Map<String, Object> doc = (Map<String, Object>) Json.parse(EpisodesJson.of(s, c, "realistic", r));
            assertEquals("we\"ird", doc.get("scenario"));
            assertEquals(8.0, doc.get("seed"));
            assertEquals(s.durationS(), (Double) doc.get("duration_s"), 1e-6);
            List<Map<String, Object>> eps = (List<Map<String, Object>>) doc.get("episodes");
            assertEquals(s.episodes().size(), eps.size());
            assertEquals("calibrating", eps.get(0).get("state"));
            assertEquals(List.of("calibrate", "slouch", "swivel", "stand", "walk", "sit", "cat_cow"),
                    eps.stream().map(e -> e.get("activity")).toList());
            Map<String, Object> drill = ((List<Map<String, Object>>) doc.get("drills")).get(0);
            assertEquals("cat_cow", drill.get("drill"));
            assertEquals(3.0, drill.get("reps"));
            assertEquals(30.0, ((List<Map<String, Object>>) doc.get("swivels")).get(0).get("angle_deg"));
            List<Map<String, Object>> drops = (List<Map<String, Object>>) doc.get("dropouts");
            assertEquals(r.dropouts().size(), drops.size());
            assertTrue(drops.size() > 0, "bursts at 600/h over a minute and more");
            assertEquals(3, ((List<?>) doc.get("devices")).size());
            assertEquals(Map.of("start_s", 0.0, "end_s", 12.0), doc.get("calibrate"));
        }
    }
}
