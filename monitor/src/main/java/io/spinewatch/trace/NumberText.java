package io.spinewatch.trace;

/**
 * Fast fixed-point formatting and decimal parsing for trace rows and other large CSV outputs, without String.format or
 * per-number allocation on the common path.
 */
public final class NumberText {
    static final long[] POW10 = new long[19];
    private static final double[] POW10_D = new double[23];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
        double d = 1;
        for (int i = 0; i < POW10_D.length; i++) {
            POW10_D[i] = d;
            d *= 10;
        }
    }

    private NumberText() {
    }

    /**
     * Writes {@code v} rounded to {@code decimals} places into {@code buf} at {@code pos}, trailing
     * zeros dropped ({@code 1.5}, {@code 0}, {@code -0.00012}); returns the new position. Needs at
     * most 40 free bytes. Values too large for the fixed-point path fall back to Double.toString.
     */
    public static int appendFixed(byte[] buf, int pos, double v, int decimals) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite number: " + v);
        }
        double scaledD = Math.abs(v) * POW10_D[decimals];
        if (scaledD >= 9.0e17) {
            String s = Double.toString(v);
            for (int i = 0; i < s.length(); i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
            return pos;
        }
        long scaled = Math.round(scaledD);
        if (scaled == 0) {
            buf[pos++] = '0';
            return pos;
        }
        if (v < 0) {
            buf[pos++] = '-';
        }
        long pow = POW10[decimals];
        long intPart = scaled / pow;
        long frac = scaled - intPart * pow;
        pos = appendLong(buf, pos, intPart);
        if (frac != 0) {
            int digits = decimals;
            while (frac % 10 == 0) {
                frac /= 10;
                digits--;
            }
            buf[pos++] = '.';
            int end = pos + digits;
            for (int i = end - 1; i >= pos; i--) {
                buf[i] = (byte) ('0' + frac % 10);
                frac /= 10;
            }
            pos = end;
        }
        return pos;
    }

    /** Writes a non-negative long. */
    public static int appendLong(byte[] buf, int pos, long n) {
        if (n == 0) {
            buf[pos++] = '0';
            return pos;
        }
        int digits = 0;
        for (long m = n; m != 0; m /= 10) {
            digits++;
        }
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        return end;
    }

    /** {@link #appendFixed} as a String, for metadata and messages. */
    public static String fixed(double v, int decimals) {
        byte[] b = new byte[48];
        int n = appendFixed(b, 0, v, decimals);
        return new String(b, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Parses a finite decimal number from ASCII bytes {@code [from, to)}; returns NaN when the text is
     * not one (NaN itself, infinities, hex and stray characters are all rejected). Plain decimals of
     * up to 15 significant digits are converted exactly-rounded without allocation.
     */
    public static double parse(byte[] b, int from, int to) {
        int i = from;
        if (i >= to) {
            return Double.NaN;
        }
        boolean negative = b[i] == '-';
        if (negative || b[i] == '+') {
            i++;
        }
        // One tight loop per part (a trace has ~60 million numbers); the rare long mantissa is checked after.
        long mantissa = 0;
        int intStart = i;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            mantissa = mantissa * 10 + d;
        }
        int intDigits = i - intStart;
        int fracDigits = 0;
        if (i < to && b[i] == '.') {
            int fracStart = ++i;
            for (; i < to; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                mantissa = mantissa * 10 + d;
            }
            fracDigits = i - fracStart;
        }
        if (i < to) {
            byte c = b[i];
            return (c == 'e' || c == 'E') && intDigits + fracDigits > 0 ? slowParse(b, from, to) : Double.NaN;
        }
        if (intDigits + fracDigits == 0) {
            return Double.NaN;
        }
        if (intDigits + fracDigits > 15 && significantDigits(b, intStart, to) > 15 || fracDigits >= POW10_D.length) {
            return slowParse(b, from, to);
        }
        // Both operands are exact doubles (mantissa < 10^15 < 2^53), so one division is correctly rounded.
        double v = fracDigits == 0 ? mantissa : mantissa / POW10_D[fracDigits];
        return negative ? -v : v;
    }

    /** Digits from the first non-zero one on, in a well-formed [digits][.digits] span. */
    private static int significantDigits(byte[] b, int from, int to) {
        int n = 0;
        for (int k = from; k < to; k++) {
            byte c = b[k];
            if (c == '.') continue;
            if (n > 0 || c != '0') n++;
        }
        return n;
    }

    private static double slowParse(byte[] b, int from, int to) {
        for (int k = from; k < to; k++) {
            byte c = b[k];
            boolean ok = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+';
            if (!ok) {
                return Double.NaN;
            }
        }
        try {
            double v = Double.parseDouble(new String(b, from, to - from, java.nio.charset.StandardCharsets.US_ASCII));
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
