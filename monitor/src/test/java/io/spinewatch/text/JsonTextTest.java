package io.spinewatch.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spinewatch.sim.Json;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Nested
    class Strings {
        @Test
        void escapesQuotesBackslashesAndControlCharacters() {
            String nasty = "a\"b\\c\nd\te\u0001f\u2028g";
            String lit = JsonText.string(nasty);
            assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001f\\u2028g\"", lit);
            assertEquals(nasty, Json.parse(lit));
        }
    }

    @Nested
    class Numbers {
        @Test
        void dropsTrailingZerosAndWritesNullForNonFinite() {
            assertEquals("1.5", JsonText.number(1.5, 3));
            assertEquals("2", JsonText.number(2.0004, 3));
            assertEquals("0", JsonText.number(-0.0001, 3));
            assertEquals("null", JsonText.number(Double.NaN, 3));
            assertEquals("null", JsonText.number(Double.POSITIVE_INFINITY, 3));
        }
    }
}
