package io.spinewatch.text;

import java.util.Locale;

/** Small helpers for writing JSON by hand: string escaping (RFC 8259) and finite number formatting. */
public final class JsonText {
    private JsonText() {
    }

    /** {@code s} as a JSON string literal, quotes included; control characters are escaped as {@code \\uXXXX}. */
    public static String string(String s) {
        return appendString(new StringBuilder(s.length() + 2), s).toString();
    }

    /**
     * Appends {@code s} as a JSON string literal to {@code b}: the one escaper every hand-written JSON in
     * spinewatch uses. U+2028 and U+2029 are escaped too, so the text is also valid JavaScript.
     */
    public static StringBuilder appendString(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }

    /** A number with up to {@code decimals} decimals, trailing zeros dropped; NaN and infinities become {@code null}. */
    public static String number(double v, int decimals) {
        if (!Double.isFinite(v)) return "null";
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.indexOf('.') >= 0) {
            int end = s.length();
            while (s.charAt(end - 1) == '0') end--;
            if (s.charAt(end - 1) == '.') end--;
            s = s.substring(0, end);
        }
        return s.equals("-0") ? "0" : s;
    }
}
