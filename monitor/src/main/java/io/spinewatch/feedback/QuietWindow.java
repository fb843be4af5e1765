package io.spinewatch.feedback;

/**
 * A daily window of local time in which no alert is delivered (meetings, lunch), as
 * seconds of the local day. A window whose end is before its start wraps past midnight.
 *
 * @param startSecondOfDay first second of the window, 0..86399
 * @param endSecondOfDay   first second after the window, 0..86400; differs from the start
 */
public record QuietWindow(int startSecondOfDay, int endSecondOfDay) {
    public static final int SECONDS_PER_DAY = 86_400;

    public QuietWindow {
        if (startSecondOfDay < 0 || startSecondOfDay >= SECONDS_PER_DAY) {
            throw new IllegalArgumentException("startSecondOfDay must be in 0..86399: " + startSecondOfDay);
        }
        if (endSecondOfDay < 0 || endSecondOfDay > SECONDS_PER_DAY) {
            throw new IllegalArgumentException("endSecondOfDay must be in 0..86400: " + endSecondOfDay);
        }
        if (endSecondOfDay == startSecondOfDay || (startSecondOfDay == 0 && endSecondOfDay == SECONDS_PER_DAY)) {
            throw new IllegalArgumentException("a quiet window must neither be empty nor the whole day (use snooze or turn alerts off): "
                    + startSecondOfDay + ".." + endSecondOfDay);
        }
    }

    /** A window from {@code hh:mm} to {@code hh:mm} local time, e.g. {@code of(12, 0, 13, 0)}. */
    public static QuietWindow of(int startHour, int startMinute, int endHour, int endMinute) {
        return new QuietWindow(startHour * 3600 + startMinute * 60, endHour * 3600 + endMinute * 60);
    }

    /** Whether the given second of the local day (0 inclusive .. 86400 exclusive) lies in the window. */
    public boolean contains(double secondOfDay) {
        if (startSecondOfDay < endSecondOfDay) {
            return secondOfDay >= startSecondOfDay && secondOfDay < endSecondOfDay;
        }
        return secondOfDay >= startSecondOfDay || secondOfDay < endSecondOfDay;
    }
}
