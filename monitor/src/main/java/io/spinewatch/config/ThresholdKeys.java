package io.spinewatch.config;

import io.spinewatch.feedback.AlertParams;
import io.spinewatch.feedback.QuietWindow;
import io.spinewatch.posture.PostureParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The thresholds a wearer or a physiotherapist tunes: every setting of {@link AlertParams} ({@code alert.*}) and the
 * slouch thresholds of {@link PostureParams} ({@code posture.*}). Ranges and defaults stay in those records, which
 * check them; their errors are reported against the key.
 */
final class ThresholdKeys {
    private static final Pattern WINDOW = Pattern.compile("(\\d{1,2}):(\\d{2})-(\\d{1,2}):(\\d{2})");

    private ThresholdKeys() {
    }

    static AlertParams alerts(ConfigReader r) {
        AlertParams d = AlertParams.DEFAULTS;
        double hold = r.number("alert.slouch-hold-seconds", d.holdSeconds());
        double bridge = r.number("alert.bridge-seconds", d.bridgeSeconds());
        double firstReminder = r.number("alert.first-reminder-seconds", d.firstReminderSeconds());
        double growth = r.number("alert.reminder-growth", d.reminderGrowth());
        double maxReminder = r.number("alert.max-reminder-seconds", d.maxReminderSeconds());
        int maxReminders = r.integer("alert.max-reminders", d.maxReminders());
        double minGap = r.number("alert.min-gap-seconds", d.minGapSeconds());
        int budget = r.integer("alert.daily-budget", d.dailyBudget());
        List<QuietWindow> quiet = r.parsed("alert.quiet-windows", ThresholdKeys::quietWindows).orElse(d.quietWindows());
        double snooze = r.number("alert.snooze-seconds", d.snoozeSeconds());
        boolean breakOn = r.bool("alert.movement-break-enabled", d.movementBreakEnabled());
        double sitting = r.number("alert.movement-break-sitting-seconds", d.movementBreakSeconds());
        double standing = r.number("alert.movement-break-standing-seconds", d.breakMinSeconds());
        r.rejectUnknown("alert.");
        return r.build(() -> new AlertParams(hold, bridge, firstReminder, growth, maxReminder, maxReminders, minGap, budget,
                        quiet, snooze, breakOn, sitting, standing),
                Map.ofEntries(Map.entry("holdSeconds", "alert.slouch-hold-seconds"),
                        Map.entry("bridgeSeconds", "alert.bridge-seconds"),
                        Map.entry("firstReminderSeconds", "alert.first-reminder-seconds"),
                        Map.entry("reminderGrowth", "alert.reminder-growth"),
                        Map.entry("maxReminderSeconds", "alert.max-reminder-seconds"),
                        Map.entry("maxReminders", "alert.max-reminders"),
                        Map.entry("minGapSeconds", "alert.min-gap-seconds"),
                        Map.entry("dailyBudget", "alert.daily-budget"),
                        Map.entry("snoozeSeconds", "alert.snooze-seconds"),
                        Map.entry("movementBreakSeconds", "alert.movement-break-sitting-seconds"),
                        Map.entry("breakMinSeconds", "alert.movement-break-standing-seconds")));
    }

    /** {@code none}, or {@code HH:MM-HH:MM} windows of local time separated by commas. */
    static List<QuietWindow> quietWindows(String v) {
        if (v.equalsIgnoreCase("none")) return List.of();
        List<QuietWindow> windows = new ArrayList<>();
        for (String part : v.split(",")) {
            Matcher m = WINDOW.matcher(part.strip());
            if (!m.matches()) throw new IllegalArgumentException("must be none or HH:MM-HH:MM windows separated by commas, e.g. 12:00-13:00, 15:30-16:00");
            int sh = Integer.parseInt(m.group(1)), sm = Integer.parseInt(m.group(2));
            int eh = Integer.parseInt(m.group(3)), em = Integer.parseInt(m.group(4));
            if (sh > 23 || eh > 24 || sm > 59 || em > 59 || (eh == 24 && em > 0)) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not a time of day (00:00..24:00)");
            }
            try {
                windows.add(QuietWindow.of(sh, sm, eh, em));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + part.strip() + "': " + e.getMessage());
            }
        }
        return windows;
    }

    /** The hysteresis the classifier needs, said in keys rather than field names. */
    private static void requireExitBelowEnter(ConfigReader r, String enterKey, double enter, String exitKey, double exit) {
        if (exit <= enter) return;
        if (r.isSet(exitKey)) throw r.error(exitKey, "must be at most " + enterKey + " (" + enter + ")");
        throw r.error(enterKey, "is below the default of " + exitKey + " (" + exit + "); set that too, at most " + enter);
    }

    static PostureParams posture(ConfigReader r) {
        PostureParams d = PostureParams.DEFAULT;
        double lumbarIn = r.number("posture.lumbar-slouch-enter-deg", d.lumbarSlouchEnterDeg());
        double lumbarOut = r.number("posture.lumbar-slouch-exit-deg", d.lumbarSlouchExitDeg());
        double tiltIn = r.number("posture.posterior-tilt-enter-deg", d.posteriorTiltEnterDeg());
        double tiltOut = r.number("posture.posterior-tilt-exit-deg", d.posteriorTiltExitDeg());
        double lumbarOnlyIn = r.number("posture.lumbar-only-enter-deg", d.lumbarOnlyEnterDeg());
        double lumbarOnlyOut = r.number("posture.lumbar-only-exit-deg", d.lumbarOnlyExitDeg());
        double thoracicIn = r.number("posture.thoracic-slouch-enter-deg", d.thoracicSlouchEnterDeg());
        double thoracicOut = r.number("posture.thoracic-slouch-exit-deg", d.thoracicSlouchExitDeg());
        double spineIn = r.number("posture.spine-slouch-enter-deg", d.spineSlouchEnterDeg());
        double spineOut = r.number("posture.spine-slouch-exit-deg", d.spineSlouchExitDeg());
        double leanIn = r.number("posture.lean-slouch-enter-deg", d.leanSlouchEnterDeg());
        double leanOut = r.number("posture.lean-slouch-exit-deg", d.leanSlouchExitDeg());
        r.rejectUnknown("posture.");
        double[][] pairs = {{lumbarIn, lumbarOut}, {tiltIn, tiltOut}, {lumbarOnlyIn, lumbarOnlyOut}, {thoracicIn, thoracicOut},
                {spineIn, spineOut}, {leanIn, leanOut}};
        String[] names = {"lumbar-slouch", "posterior-tilt", "lumbar-only", "thoracic-slouch", "spine-slouch", "lean-slouch"};
        for (int i = 0; i < pairs.length; i++) {
            requireExitBelowEnter(r, "posture." + names[i] + "-enter-deg", pairs[i][0], "posture." + names[i] + "-exit-deg", pairs[i][1]);
        }
        return r.build(() -> new PostureParams(lumbarIn, lumbarOut, tiltIn, tiltOut, lumbarOnlyIn, lumbarOnlyOut,
                        thoracicIn, thoracicOut, spineIn, spineOut, leanIn, leanOut, d.hingeEnterDeg(), d.hingeExitDeg(),
                        d.trunkLeanEnterDeg(), d.trunkLeanExitDeg(), d.confirmSeconds(), d.slouchConfirmSeconds()),
                Map.ofEntries(Map.entry("lumbarSlouchEnterDeg", "posture.lumbar-slouch-enter-deg"),
                        Map.entry("lumbarSlouchExitDeg", "posture.lumbar-slouch-exit-deg"),
                        Map.entry("posteriorTiltEnterDeg", "posture.posterior-tilt-enter-deg"),
                        Map.entry("posteriorTiltExitDeg", "posture.posterior-tilt-exit-deg"),
                        Map.entry("lumbarOnlyEnterDeg", "posture.lumbar-only-enter-deg"),
                        Map.entry("lumbarOnlyExitDeg", "posture.lumbar-only-exit-deg"),
                        Map.entry("thoracicSlouchEnterDeg", "posture.thoracic-slouch-enter-deg"),
                        Map.entry("thoracicSlouchExitDeg", "posture.thoracic-slouch-exit-deg"),
                        Map.entry("spineSlouchEnterDeg", "posture.spine-slouch-enter-deg"),
                        Map.entry("spineSlouchExitDeg", "posture.spine-slouch-exit-deg"),
                        Map.entry("leanSlouchEnterDeg", "posture.lean-slouch-enter-deg"),
                        Map.entry("leanSlouchExitDeg", "posture.lean-slouch-exit-deg")));
    }
}
