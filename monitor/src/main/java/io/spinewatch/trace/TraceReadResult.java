package io.spinewatch.trace;

/**
 * The outcome of reading a trace's rows: how many were delivered, how many were skipped for each
 * {@link RowProblem}, and whether the input ended early (a last line without its line break, or a
 * gzip stream that is cut or corrupt). Every row before the cut was delivered either way.
 *
 * @param truncationReason what ended the input early, or {@code ""} when it ended cleanly
 */
public record TraceReadResult(long rows, long columnCount, long notANumber, long unknownSensor,
                              long nonMonotonicTime, long lineTooLong, boolean truncated, String truncationReason) {

    public long count(RowProblem p) {
        return switch (p) {
            case COLUMN_COUNT -> columnCount;
            case NOT_A_NUMBER -> notANumber;
            case UNKNOWN_SENSOR -> unknownSensor;
            case NON_MONOTONIC_TIME -> nonMonotonicTime;
            case LINE_TOO_LONG -> lineTooLong;
        };
    }

    /** Rows skipped for any reason. */
    public long skipped() {
        return columnCount + notANumber + unknownSensor + nonMonotonicTime + lineTooLong;
    }

    /** True when every row was good and the input ended cleanly. */
    public boolean clean() {
        return skipped() == 0 && !truncated;
    }

    /** One line for logs and command output. */
    public String describe() {
        return "rows=" + rows + " skipped=" + skipped()
                + " (column_count=" + columnCount + " not_a_number=" + notANumber
                + " unknown_sensor=" + unknownSensor + " non_monotonic_time=" + nonMonotonicTime
                + " line_too_long=" + lineTooLong + ")"
                + (truncated ? " truncated=1 (" + truncationReason + ")" : " truncated=0");
    }
}
