package io.spinewatch.feedback;

import java.util.List;

/**
 * Settings of the {@link AlertPolicy}: when a slouch earns a buzz, how reminders back off, and
 * what keeps the wearable quiet. Built against the two complaints about posture trainers: alerts
 * that ignore context (quiet windows, snooze, only seated slouches count) and alerts that nag
 * (one alert per episode, few and spreading reminders, a gap between buzzes, a daily budget).
 *
 * @param holdSeconds           continuous slouch before the alert. Default {@value #DEFAULT_HOLD_SECONDS}:
 *                              between the 5 s of single-sensor trainers, which buzz at every reach
 *                              for the mouse, and the 2 min one maker recommends. Range 0..600.
 * @param bridgeSeconds         an interruption of the slouch (any other state, {@code no_signal}
 *                              included) shorter than this does not end the episode and its time
 *                              counts as slouched; one this long ends it. Default
 *                              {@value #DEFAULT_BRIDGE_SECONDS}: a glance away from the screen or
 *                              a dropped radio packet lasts a second or two, a real correction
 *                              longer. Range 0..60.
 * @param firstReminderSeconds  from the alert to the first reminder while the same episode lasts.
 *                              Default {@value #DEFAULT_FIRST_REMINDER_SECONDS}: a wearer who has
 *                              not sat up in 2 min probably missed the buzz. Range 10..3600.
 * @param reminderGrowth        each later reminder interval is the previous one times this.
 *                              Default {@value #DEFAULT_REMINDER_GROWTH}: doubling backs off quickly,
 *                              the usual shape of a polite retry. Range 1..10.
 * @param maxReminderSeconds    upper limit of a reminder interval. Default
 *                              {@value #DEFAULT_MAX_REMINDER_SECONDS} (10 min). At least
 *                              {@code firstReminderSeconds}, at most 7200.
 * @param maxReminders          reminders per episode at most (a count; 0 means the alert is never
 *                              repeated). Default {@value #DEFAULT_MAX_REMINDERS}: a slouch that
 *                              outlasts three buzzes is a choice (reading, resting), and more
 *                              buzzes are the nagging users complain about. Range 0..10.
 * @param minGapSeconds         no two delivered buzzes of any kind closer than this; a buzz that
 *                              falls due earlier waits, and is given only if still due. Default
 *                              {@value #DEFAULT_MIN_GAP_SECONDS}: someone who sits up after the buzz
 *                              and sinks back at once gets one more buzz two minutes later at the
 *                              earliest, not every half minute. Range 0..3600.
 * @param dailyBudget           delivered buzzes per local day at most (all kinds). Default
 *                              {@value #DEFAULT_DAILY_BUDGET}: about one per 40 min of an 8 h
 *                              working day; past that, alerts stop informing. Range 1..1000.
 * @param quietWindows          daily local-time windows without buzzes. Default none: only the
 *                              wearer knows their meetings.
 * @param snoozeSeconds         how long {@link AlertPolicy#snooze(double)} keeps quiet. Default
 *                              {@value #DEFAULT_SNOOZE_SECONDS} (30 min, a meeting). Range 60..86400.
 * @param movementBreakEnabled  whether long sitting earns a movement-break buzz. Default on.
 * @param movementBreakSeconds  seated time without a break before the movement-break buzz.
 *                              Default {@value #DEFAULT_MOVEMENT_BREAK_SECONDS} (45 min): inside the
 *                              30-60 min office advice to stand up regularly. Range 300..14400.
 * @param breakMinSeconds       continuous standing or walking that counts as a break and restarts
 *                              the sitting clock. Default {@value #DEFAULT_BREAK_MIN_SECONDS}: a walk
 *                              to the printer counts, standing up to reach a shelf does not.
 *                              Range 5..1800.
 */
public record AlertParams(
        double holdSeconds,
        double bridgeSeconds,
        double firstReminderSeconds,
        double reminderGrowth,
        double maxReminderSeconds,
        int maxReminders,
        double minGapSeconds,
        int dailyBudget,
        List<QuietWindow> quietWindows,
        double snoozeSeconds,
        boolean movementBreakEnabled,
        double movementBreakSeconds,
        double breakMinSeconds) {

    public static final double DEFAULT_HOLD_SECONDS = 30;
    public static final double DEFAULT_BRIDGE_SECONDS = 3;
    public static final double DEFAULT_FIRST_REMINDER_SECONDS = 120;
    public static final double DEFAULT_REMINDER_GROWTH = 2;
    public static final double DEFAULT_MAX_REMINDER_SECONDS = 600;
    public static final int DEFAULT_MAX_REMINDERS = 2;
    public static final double DEFAULT_MIN_GAP_SECONDS = 120;
    public static final int DEFAULT_DAILY_BUDGET = 12;
    public static final double DEFAULT_SNOOZE_SECONDS = 1800;
    public static final double DEFAULT_MOVEMENT_BREAK_SECONDS = 2700;
    public static final double DEFAULT_BREAK_MIN_SECONDS = 60;

    /** Every field at its default. */
    public static final AlertParams DEFAULTS = new AlertParams(DEFAULT_HOLD_SECONDS, DEFAULT_BRIDGE_SECONDS,
            DEFAULT_FIRST_REMINDER_SECONDS, DEFAULT_REMINDER_GROWTH, DEFAULT_MAX_REMINDER_SECONDS, DEFAULT_MAX_REMINDERS,
            DEFAULT_MIN_GAP_SECONDS, DEFAULT_DAILY_BUDGET, List.of(), DEFAULT_SNOOZE_SECONDS, true,
            DEFAULT_MOVEMENT_BREAK_SECONDS, DEFAULT_BREAK_MIN_SECONDS);

    public AlertParams {
        requireRange("holdSeconds", holdSeconds, 0, 600);
        requireRange("bridgeSeconds", bridgeSeconds, 0, 60);
        requireRange("firstReminderSeconds", firstReminderSeconds, 10, 3600);
        requireRange("reminderGrowth", reminderGrowth, 1, 10);
        requireRange("maxReminderSeconds", maxReminderSeconds, firstReminderSeconds, 7200);
        if (maxReminders < 0 || maxReminders > 10) throw new IllegalArgumentException("maxReminders must be in 0..10: " + maxReminders);
        requireRange("minGapSeconds", minGapSeconds, 0, 3600);
        if (dailyBudget < 1 || dailyBudget > 1000) throw new IllegalArgumentException("dailyBudget must be in 1..1000: " + dailyBudget);
        if (quietWindows == null) throw new IllegalArgumentException("quietWindows must not be null (use List.of())");
        quietWindows = List.copyOf(quietWindows);
        requireRange("snoozeSeconds", snoozeSeconds, 60, 86_400);
        requireRange("movementBreakSeconds", movementBreakSeconds, 300, 14_400);
        requireRange("breakMinSeconds", breakMinSeconds, 5, 1800);
    }

    private static void requireRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ": " + value);
        }
    }

    /** The interval before reminder {@code index} (0 for the first), growth and limit applied. */
    public double reminderIntervalSeconds(int index) {
        double interval = firstReminderSeconds * Math.pow(reminderGrowth, index);
        return Math.min(interval, maxReminderSeconds);
    }

    public AlertParams withHoldSeconds(double v) {
        return new AlertParams(v, bridgeSeconds, firstReminderSeconds, reminderGrowth, maxReminderSeconds, maxReminders,
                minGapSeconds, dailyBudget, quietWindows, snoozeSeconds, movementBreakEnabled, movementBreakSeconds, breakMinSeconds);
    }

    public AlertParams withBridgeSeconds(double v) {
        return new AlertParams(holdSeconds, v, firstReminderSeconds, reminderGrowth, maxReminderSeconds, maxReminders,
                minGapSeconds, dailyBudget, quietWindows, snoozeSeconds, movementBreakEnabled, movementBreakSeconds, breakMinSeconds);
    }

    /** Replaces the whole reminder policy: first interval, growth, interval limit and count. */
    public AlertParams withReminders(double first, double growth, double max, int count) {
        return new AlertParams(holdSeconds, bridgeSeconds, first, growth, max, count,
                minGapSeconds, dailyBudget, quietWindows, snoozeSeconds, movementBreakEnabled, movementBreakSeconds, breakMinSeconds);
    }

    public AlertParams withMinGapSeconds(double v) {
        return new AlertParams(holdSeconds, bridgeSeconds, firstReminderSeconds, reminderGrowth, maxReminderSeconds, maxReminders,
                v, dailyBudget, quietWindows, snoozeSeconds, movementBreakEnabled, movementBreakSeconds, breakMinSeconds);
    }

    public AlertParams withDailyBudget(int v) {
        return new AlertParams(holdSeconds, bridgeSeconds, firstReminderSeconds, reminderGrowth, maxReminderSeconds, maxReminders,
                minGapSeconds, v, quietWindows, snoozeSeconds, movementBreakEnabled, movementBreakSeconds, breakMinSeconds);
    }

    public AlertParams withQuietWindows(List<QuietWindow> v) {
        return new AlertParams(holdSeconds, bridgeSeconds, firstReminderSeconds, reminderGrowth, maxReminderSeconds, maxReminders,
                minGapSeconds, dailyBudget, v, snoozeSeconds, movementBreakEnabled, movementBreakSeconds, breakMinSeconds);
    }

    public AlertParams withSnoozeSeconds(double v) {
        return new AlertParams(holdSeconds, bridgeSeconds, firstReminderSeconds, reminderGrowth, maxReminderSeconds, maxReminders,
                minGapSeconds, dailyBudget, quietWindows, v, movementBreakEnabled, movementBreakSeconds, breakMinSeconds);
    }

    /** Replaces the movement-break settings. */
    public AlertParams withMovementBreak(boolean enabled, double sittingSeconds, double breakSeconds) {
        return new AlertParams(holdSeconds, bridgeSeconds, firstReminderSeconds, reminderGrowth, maxReminderSeconds, maxReminders,
                minGapSeconds, dailyBudget, quietWindows, snoozeSeconds, enabled, sittingSeconds, breakSeconds);
    }
}
