package io.spinewatch.trace;

import java.io.IOException;

/** The input is not a trace this reader can read: missing or unsupported version line, or no valid header. */
public final class TraceFormatException extends IOException {
    public TraceFormatException(String message) {
        super(message);
    }
}
