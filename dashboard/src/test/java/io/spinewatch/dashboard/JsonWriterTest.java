package io.spinewatch.dashboard;

import io.spinewatch.sim.Json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    static String write(java.util.function.Consumer<JsonWriter> body) {
        StringBuilder sb = new StringBuilder();
        body.accept(new JsonWriter(sb));
        return sb.toString();
    }

    @Nested
    class Structure {
        @Test
        void commasSeparateMembersAndElementsAtEveryDepth() {
            String json = write(w -> w.beginObject()
                    .name("a").value(1)
                    .name("b").beginArray().value(true).beginObject().endObject().beginArray().endArray().nullValue().endArray()
                    .name("c").beginObject().name("d").value("x").endObject()
                    .endObject());
            assertEquals(Map.of("a", 1.0, "b", Arrays.asList(true, Map.of(), List.of(), null), "c", Map.of("d", "x")),
                    Json.parse(json));
        }
    }

    @Nested
    class Strings {
        @Test
        void quotesBackslashesAndControlCharactersRoundTrip() {
            String nasty = "say \"hi\"\\ \n\r\t \u0001 \u001f \u2028 é ✓ </script>";
            String json = write(w -> w.value(nasty));
            assertEquals(nasty, Json.parse(json));
            for (char c = 0; c < 0x20; c++) {
                assertEquals(-1, json.indexOf(c), "raw control char " + (int) c);
            }
        }
    }

    @Nested
    class Numbers {
        @Test
        void nonFiniteNumbersBecomeNull() {
            assertEquals(Arrays.asList(null, null, null),
                    Json.parse(write(w -> w.beginArray().value(Double.NaN).value(Double.POSITIVE_INFINITY)
                            .value(Double.NEGATIVE_INFINITY).endArray())));
        }

        @Test
        void doublesAreRoundedToThreeDecimalsAndWholeOnesHaveNoFraction() {
            assertEquals("[12.346,-0.5,3,0,1.0E15]",
                    write(w -> w.beginArray().value(12.34567).value(-0.5).value(3.0).value(0.0001).value(1e15).endArray()));
            assertEquals(1e15, ((List<?>) Json.parse("[1.0E15]")).get(0));
        }
    }
}
