package io.spinewatch.dashboard.report;

import java.util.Locale;
import java.util.Map;

/** Small helpers for writing SVG and HTML by hand: escaping, numbers, and the report's colours. */
final class Svg {
    /** Colour of each posture state, chosen to stay distinguishable when printed. */
    static final Map<String, String> STATE_COLOURS = Map.of(
            "calibrating", "#c9ced4",
            "upright", "#3a9d8f",
            "slouched", "#e0703c",
            "leaning", "#5b8fd6",
            "standing", "#98a3ae",
            "walking", "#8c6bb1",
            "no_signal", "#eceff1",
            "drill", "#6aa84f");
    static final String OTHER_COLOUR = "#b5a98c";
    static final String SLOUCH_SHADE = "#fbe3d6";
    static final String ALERT_COLOUR = "#b3261e";
    static final String HELD_COLOUR = "#8a9099";
    static final String INK = "#1f2933";
    static final String MUTED = "#616e7c";
    static final String GRID = "#e4e7eb";

    /** The order states are listed in. */
    static final String[] STATE_ORDER = {"upright", "slouched", "leaning", "drill", "standing", "walking", "calibrating", "no_signal"};

    private Svg() {
    }

    static String colour(String state) {
        return STATE_COLOURS.getOrDefault(state, OTHER_COLOUR);
    }

    /** The state's name for people: {@code no_signal} becomes {@code no signal}. */
    static String stateName(String state) {
        return state.replace('_', ' ');
    }

    /** Escapes text for HTML and SVG content and attribute values. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** A coordinate with one decimal, dot as separator. */
    static String n(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A value with {@code decimals} decimals, dot as separator. */
    static String f(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Minutes as {@code 1 h 05 min}, {@code 42 min}, or under a minute {@code 12 s}. */
    static String duration(double minutes) {
        if (minutes > 0 && minutes < 0.5) {
            return Math.round(minutes * 60) + " s";
        }
        long m = Math.round(minutes);
        return m >= 60 ? String.format(Locale.ROOT, "%d h %02d min", m / 60, m % 60) : m + " min";
    }

    /** A round step for about {@code ticks} ticks over {@code span}: 1, 2, 5 times a power of ten. */
    static double niceStep(double span, int ticks) {
        double raw = Math.max(span, 1e-9) / Math.max(1, ticks);
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / p;
        return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * p;
    }
}
