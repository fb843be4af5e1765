package io.spinewatch.ingest;

import java.io.IOException;

/** A source could not start for a reason retrying will not fix; the message says what to do. */
public final class SourceException extends IOException {
    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
