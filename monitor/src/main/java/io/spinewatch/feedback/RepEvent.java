package io.spinewatch.feedback;

/** What one {@link RepetitionCounter#update} saw; an enum so the hot path allocates nothing. */
public enum RepEvent {
    /** Nothing worth telling. */
    NONE,
    /** An excursion from the baseline began (maybe a repetition). */
    STARTED,
    /** The end position has been held as long as the drill asks: time for "and release". */
    HOLD_REACHED,
    /** A repetition was completed and counted. */
    COUNTED,
    /** An excursion big enough ended, but too quickly or too slowly to be a repetition. */
    REJECTED,
    /** The signal stayed away from the baseline too long: a posture change, now the new baseline. */
    REBASELINED
}
