package io.spinewatch.trace;

/** Why {@link TraceReader} skipped a row; each kind is counted in {@link TraceReadResult}. */
public enum RowProblem {
    /** Not as many comma-separated fields as the header has. */
    COLUMN_COUNT,
    /** A numeric field that is not a finite decimal number. */
    NOT_A_NUMBER,
    /** A sensor name other than {@code upper}, {@code mid}, {@code pelvis}. */
    UNKNOWN_SENSOR,
    /** A time not after the previous good row of the same sensor. */
    NON_MONOTONIC_TIME,
    /** A line longer than any valid row could be (binary garbage, a missing line break). */
    LINE_TOO_LONG
}
