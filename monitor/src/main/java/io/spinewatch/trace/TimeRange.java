package io.spinewatch.trace;

/** A closed interval of trace time in seconds, such as the calibration window {@code # calibrate=A-B}. */
public record TimeRange(double startS, double endS) {
    public TimeRange {
        if (!(Double.isFinite(startS) && Double.isFinite(endS) && startS <= endS)) {
            throw new IllegalArgumentException("need finite startS <= endS: " + startS + ".." + endS);
        }
    }

    public double durationS() {
        return endS - startS;
    }

    public boolean contains(double tS) {
        return tS >= startS && tS <= endS;
    }

    /**
     * Parses {@code A-B} (seconds, non-negative decimals as written by {@link TraceWriter}); returns
     * {@code null} when the text is not such a range.
     */
    public static TimeRange parse(String text) {
        String s = text.trim();
        // The separator is the first '-' after the first character, so "A" itself may not be negative.
        int dash = s.indexOf('-', 1);
        if (dash < 0) {
            return null;
        }
        try {
            double a = Double.parseDouble(s.substring(0, dash).trim());
            double b = Double.parseDouble(s.substring(dash + 1).trim());
            return Double.isFinite(a) && Double.isFinite(b) && a <= b ? new TimeRange(a, b) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The {@code A-B} form, compact decimals. */
    public String format() {
        return NumberText.fixed(startS, 6) + "-" + NumberText.fixed(endS, 6);
    }
}
