package io.spinewatch.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NumberTextTest {

    private static double parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return NumberText.parse(b, 0, b.length);
    }

    @Nested
    class Formatting {
        @Test
        void dropsTrailingZerosAndKeepsSigns() {
            assertEquals("0", NumberText.fixed(0.0, 5));
            assertEquals("0", NumberText.fixed(-0.000001, 5));
            assertEquals("1.5", NumberText.fixed(1.5, 5));
            assertEquals("-0.00012", NumberText.fixed(-0.00012, 5));
            assertEquals("9.80665", NumberText.fixed(9.80665, 5));
            assertEquals("12", NumberText.fixed(12.0000001, 5));
            assertEquals("3600.000001", NumberText.fixed(3600.000001, 6));
        }

        @Test
        void roundsToTheNearestLastDigit() {
            assertEquals("0.12346", NumberText.fixed(0.123456, 5));
            assertEquals("-2.5", NumberText.fixed(-2.499999999, 6));
        }

        @Test
        void hugeValuesFallBackToFullPrecision() {
            assertEquals(1e30, Double.parseDouble(NumberText.fixed(1e30, 6)));
        }

        @Test
        void rejectsNonFiniteValues() {
            assertThrows(IllegalArgumentException.class, () -> NumberText.fixed(Double.NaN, 3));
            assertThrows(IllegalArgumentException.class, () -> NumberText.fixed(Double.POSITIVE_INFINITY, 3));
        }
    }

    @Nested
    class Parsing {
        @Test
        void agreesWithDoubleParseDoubleOnRandomFormattedValues() {
            SplittableRandom rnd = new SplittableRandom(7);
            for (int i = 0; i < 20000; i++) {
                double v = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(-4, 5));
                String s = NumberText.fixed(v, rnd.nextInt(0, 8));
                assertEquals(Double.parseDouble(s), parse(s), s);
            }
        }

        @Test
        void agreesWithDoubleParseDoubleOnLeadingZerosLongMantissasAndSigns() {
            SplittableRandom rnd = new SplittableRandom(11);
            for (int i = 0; i < 20000; i++) {
                StringBuilder t = new StringBuilder();
                int sign = rnd.nextInt(3);
                if (sign == 1) t.append('-');
                if (sign == 2) t.append('+');
                int zeros = rnd.nextInt(0, 4);
                for (int k = 0; k < zeros; k++) t.append('0');
                int intDigits = rnd.nextInt(0, 12);
                for (int k = 0; k < intDigits; k++) t.append((char) ('0' + rnd.nextInt(10)));
                if (rnd.nextBoolean()) {
                    t.append('.');
                    int fz = rnd.nextInt(0, 6);
                    for (int k = 0; k < fz; k++) t.append('0');
                    int fracDigits = rnd.nextInt(0, 20);
                    for (int k = 0; k < fracDigits; k++) t.append((char) ('0' + rnd.nextInt(10)));
                }
                String s = t.toString();
                boolean anyDigit = s.chars().anyMatch(Character::isDigit);
                double expected = anyDigit ? Double.parseDouble(s) : Double.NaN;
                assertEquals(expected, parse(s), s);
            }
        }

        @Test
        void acceptsExponentsAndLongMantissas() {
            assertEquals(1.5e-7, parse("1.5e-7"));
            assertEquals(0.12345678901234567, parse("0.12345678901234567"));
            assertEquals(-3.0, parse("-3."));
            assertEquals(0.25, parse(".25"));
            assertEquals(7.0, parse("+7"));
        }

        @Test
        void rejectsWhatIsNotAFiniteDecimal() {
            for (String s : new String[] {"", "-", ".", "NaN", "Infinity", "1e999", "0x10", "1,5", "1.2.3", "12a", "e5", "--1"}) {
                assertTrue(Double.isNaN(parse(s)), s);
            }
        }
    }
}
