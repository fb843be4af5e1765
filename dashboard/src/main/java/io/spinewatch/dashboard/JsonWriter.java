package io.spinewatch.dashboard;

import io.spinewatch.text.JsonText;
/**
 * A minimal streaming JSON writer (RFC 8259): objects, arrays, strings, numbers, booleans, null.
 * Non-finite numbers are written as {@code null}, since JSON has no NaN.
 */
final class JsonWriter {
    private final StringBuilder out;
    /** Whether the next value opens its container or follows a name, so takes no comma. */
    private boolean first = true;

    JsonWriter(StringBuilder out) {
        this.out = out;
    }

    JsonWriter beginObject() {
        comma();
        out.append('{');
        first = true;
        return this;
    }

    JsonWriter endObject() {
        out.append('}');
        first = false;
        return this;
    }

    JsonWriter beginArray() {
        comma();
        out.append('[');
        first = true;
        return this;
    }

    JsonWriter endArray() {
        out.append(']');
        first = false;
        return this;
    }

    JsonWriter name(String name) {
        comma();
        quote(name);
        out.append(':');
        first = true;
        return this;
    }

    JsonWriter value(String s) {
        comma();
        if (s == null) {
            out.append("null");
        } else {
            quote(s);
        }
        first = false;
        return this;
    }

    JsonWriter value(boolean b) {
        comma();
        out.append(b);
        first = false;
        return this;
    }

    JsonWriter value(long n) {
        comma();
        out.append(n);
        first = false;
        return this;
    }

    /** A number rounded to 3 decimals (enough for degrees, seconds and ratios); NaN and infinities as null. */
    JsonWriter value(double d) {
        comma();
        if (!Double.isFinite(d)) {
            out.append("null");
        } else if (Math.abs(d) < 1e12) {
            double r = Math.round(d * 1000) / 1000.0;
            if (r == Math.rint(r)) {
                out.append((long) r);
            } else {
                out.append(r);
            }
        } else {
            out.append(d);
        }
        first = false;
        return this;
    }

    JsonWriter nullValue() {
        comma();
        out.append("null");
        first = false;
        return this;
    }

    private void comma() {
        if (!first) {
            out.append(',');
        }
    }

    private void quote(String s) {
        JsonText.appendString(out, s);
    }
}
