package io.spinewatch.feedback;

import io.spinewatch.posture.PostureState;
import io.spinewatch.posture.PosturePattern;
import java.util.List;
import java.util.Optional;

/**
 * Decides, one posture update at a time, whether the wearer should feel a buzz now: the slouch
 * alert once per sustained episode, a few spreading reminders while it lasts, and a movement
 * break after long sitting, each held back by snooze, quiet windows, the daily budget and the
 * minimum gap between buzzes. Pure: time and local day arrive as data; no clock, I/O or logging.
 *
 * <p>Rules, in the order {@link #update} applies them:
 * <ol>
 *   <li>A state holds from its update to the next. Updates with time going backwards are counted
 *       and ignored.</li>
 *   <li>A slouch episode starts at a {@code slouched} update, or earlier when the caller says when the
 *       slouch began. Any other state interrupts it; an
 *       interruption shorter than {@code bridgeSeconds} is bridged (its time counts as slouched),
 *       one that lasts {@code bridgeSeconds} ends the episode.</li>
 *   <li>Seated time (upright, slouched, leaning) accrues towards a movement break; standing or
 *       walking for {@code breakMinSeconds} without interruption resets it. Calibrating and
 *       {@code no_signal} neither accrue nor reset it.</li>
 *   <li>Falls due, highest first: the slouch alert (episode reached {@code holdSeconds}, not yet
 *       alerted, state {@code slouched} now); a reminder (episode alerted, reminder time reached,
 *       fewer than {@code maxReminders}, state {@code slouched} now); a movement break (seated
 *       now, seated time reached). Only one per update; the others stay due.</li>
 *   <li>A due alert is suppressed, with the reason, if snoozed, inside a quiet window, or over
 *       the day's budget; a suppressed alert is used up like a delivered one. Otherwise, if the
 *       last delivered buzz is less than {@code minGapSeconds} ago, it waits (and may lapse);
 *       else it is delivered.</li>
 * </ol>
 * No state other than {@code slouched} ever produces a slouch alert or reminder, and
 * {@code no_signal} or {@code calibrating} never produce any event. One wearer, one thread.
 */
public final class AlertPolicy {
    private static final AlertKind[] KINDS = AlertKind.values();
    private static final Delivery[] DELIVERIES = Delivery.values();

    private final AlertParams params;
    private final QuietWindow[] quietWindows;
    private LocalClock clock;

    private double lastT = Double.NaN;
    private PostureState lastState = PostureState.NO_SIGNAL;
    private long outOfOrderCount;

    // slouch episode
    private boolean inEpisode;
    private double episodeStartT;
    private double interruptedSinceT = Double.NaN;
    private boolean alerted;
    private int remindersDone;
    private double nextReminderT;
    private PosturePattern episodePattern;

    // sitting
    private double sittingSeconds;
    private double onFeetSinceT = Double.NaN;

    // delivery
    private double lastBuzzT = Double.NaN;
    private double snoozeUntilT = Double.NEGATIVE_INFINITY;
    private long currentDay = Long.MIN_VALUE;
    private int deliveredToday;
    private final long[] deliveredByKind = new long[KINDS.length];
    private final long[] byDelivery = new long[DELIVERIES.length];

    /** A policy whose local day starts at the trace origin (for replays without wall time). */
    public AlertPolicy(AlertParams params) {
        this(params, LocalClock.TRACE_ORIGIN);
    }

    public AlertPolicy(AlertParams params, LocalClock clock) {
        if (params == null || clock == null) throw new IllegalArgumentException("params and clock are required");
        this.params = params;
        this.quietWindows = params.quietWindows().toArray(new QuietWindow[0]);
        this.clock = clock;
    }

    /**
     * Advances the policy to {@code tSeconds} with the wearer in {@code state}.
     *
     * @param pattern why the slouch was detected, read only when {@code state} is slouched; may be
     *                null when the posture engine cannot tell
     * @return the alert that fell due now, delivered or suppressed; empty on almost every update
     */
    public Optional<AlertEvent> update(double tSeconds, PostureState state, PosturePattern pattern) {
        return update(tSeconds, state, pattern, Double.NaN);
    }

    /**
     * As {@link #update(double, PostureState, PosturePattern)}, for a caller that knows when the slouch began: a
     * posture engine confirms a slouch some seconds after the wearer began to slump, and the hold counts from the
     * slump.
     *
     * @param slouchStartSeconds when the reported slouch began; a new episode starts there instead of at
     *                           {@code tSeconds} (read only when a new episode starts; NaN or later than
     *                           {@code tSeconds} means now)
     */
    public Optional<AlertEvent> update(double tSeconds, PostureState state, PosturePattern pattern, double slouchStartSeconds) {
        boolean backwards = !Double.isNaN(lastT) && tSeconds < lastT;
        if (Double.isNaN(tSeconds) || backwards || state == null) {
            outOfOrderCount++;
            return Optional.empty();
        }
        double dt = Double.isNaN(lastT) ? 0 : tSeconds - lastT;
        long day = clock.dayIndex(tSeconds);
        if (day != currentDay) {
            currentDay = day;
            deliveredToday = 0;
        }

        trackEpisode(tSeconds, state, pattern, slouchStartSeconds < tSeconds ? slouchStartSeconds : tSeconds);
        trackSitting(tSeconds, dt, state);
        lastT = tSeconds;
        lastState = state;

        AlertKind due = dueKind(tSeconds, state);
        if (due == null) {
            return Optional.empty();
        }
        Delivery delivery = suppression(tSeconds);
        if (delivery == Delivery.DELIVERED && !Double.isNaN(lastBuzzT) && tSeconds - lastBuzzT < params.minGapSeconds()) {
            return Optional.empty();
        }
        return Optional.of(fire(tSeconds, due, delivery));
    }

    private void trackEpisode(double t, PostureState state, PosturePattern pattern, double startT) {
        if (state == PostureState.SLOUCHED) {
            boolean bridged = inEpisode && (Double.isNaN(interruptedSinceT) || t - interruptedSinceT < params.bridgeSeconds());
            if (!bridged) {
                inEpisode = true;
                episodeStartT = startT;
                alerted = false;
                remindersDone = 0;
                episodePattern = null;
            }
            interruptedSinceT = Double.NaN;
            if (pattern != null) {
                episodePattern = pattern;
            }
        } else if (inEpisode) {
            if (Double.isNaN(interruptedSinceT)) {
                interruptedSinceT = t;
            }
            if (t - interruptedSinceT >= params.bridgeSeconds()) {
                inEpisode = false;
            }
        }
    }

    private void trackSitting(double t, double dt, PostureState state) {
        if (lastState.isSeated()) {
            sittingSeconds += dt;
        }
        if (state.isOnFeet()) {
            if (Double.isNaN(onFeetSinceT)) {
                onFeetSinceT = t;
            }
            if (t - onFeetSinceT >= params.breakMinSeconds()) {
                sittingSeconds = 0;
            }
        } else {
            onFeetSinceT = Double.NaN;
        }
    }

    private AlertKind dueKind(double t, PostureState state) {
        if (state == PostureState.SLOUCHED && inEpisode) {
            if (!alerted) {
                if (t - episodeStartT >= params.holdSeconds()) {
                    return AlertKind.SLOUCH;
                }
            } else if (remindersDone < params.maxReminders() && t >= nextReminderT) {
                return AlertKind.REMINDER;
            }
        }
        if (params.movementBreakEnabled() && state.isSeated() && sittingSeconds >= params.movementBreakSeconds()) {
            return AlertKind.MOVEMENT_BREAK;
        }
        return null;
    }

    private Delivery suppression(double t) {
        if (t < snoozeUntilT) {
            return Delivery.SNOOZED;
        }
        if (quietWindows.length > 0) {
            double secondOfDay = clock.secondOfDay(t);
            for (QuietWindow w : quietWindows) {
                if (w.contains(secondOfDay)) {
                    return Delivery.QUIET_WINDOW;
                }
            }
        }
        if (deliveredToday >= params.dailyBudget()) {
            return Delivery.DAILY_BUDGET;
        }
        return Delivery.DELIVERED;
    }

    private AlertEvent fire(double t, AlertKind kind, Delivery delivery) {
        double since;
        int reminderNumber = 0;
        String reason;
        Optional<PosturePattern> pattern = Optional.empty();
        switch (kind) {
            case SLOUCH -> {
                alerted = true;
                nextReminderT = t + params.reminderIntervalSeconds(0);
                since = t - episodeStartT;
                pattern = Optional.ofNullable(episodePattern);
                reason = "slouched " + Math.round(since) + " s" + pattern.map(p -> " (" + p.label() + ")").orElse("");
            }
            case REMINDER -> {
                remindersDone++;
                reminderNumber = remindersDone;
                nextReminderT = t + params.reminderIntervalSeconds(remindersDone);
                since = t - episodeStartT;
                pattern = Optional.ofNullable(episodePattern);
                reason = "still slouched " + Math.round(since) + " s, reminder " + reminderNumber + " of " + params.maxReminders();
            }
            default -> {
                since = sittingSeconds;
                sittingSeconds = 0;
                reason = "seated " + Math.round(since / 60) + " min without a break";
            }
        }
        byDelivery[delivery.ordinal()]++;
        if (delivery.isDelivered()) {
            lastBuzzT = t;
            deliveredToday++;
            deliveredByKind[kind.ordinal()]++;
        } else {
            reason = reason + "; held back: " + delivery.label();
        }
        return new AlertEvent(t, kind, delivery, HapticPattern.defaultFor(kind), pattern, since, reminderNumber, reason);
    }

    /** Keeps alerts quiet for {@code snoozeSeconds} from {@code tSeconds} (the wearer's snooze button). */
    public void snooze(double tSeconds) {
        snoozeUntil(tSeconds + params.snoozeSeconds());
    }

    /** Keeps alerts quiet until {@code tSeconds}; an earlier time than the current snooze shortens it. */
    public void snoozeUntil(double tSeconds) {
        if (Double.isNaN(tSeconds)) throw new IllegalArgumentException("snooze time must be a number");
        snoozeUntilT = tSeconds;
    }

    /** Ends a snooze early. */
    public void cancelSnooze() {
        snoozeUntilT = Double.NEGATIVE_INFINITY;
    }

    /** Replaces the local-day anchor, e.g. after a daylight-saving change. */
    public void setLocalClock(LocalClock clock) {
        if (clock == null) throw new IllegalArgumentException("clock is required");
        this.clock = clock;
    }

    public AlertParams params() {
        return params;
    }

    public List<QuietWindow> quietWindows() {
        return params.quietWindows();
    }

    /** Whether a slouch episode is in progress (including a bridged interruption). */
    public boolean inEpisode() {
        return inEpisode;
    }

    /** Start of the current or last slouch episode. */
    public double episodeStartSeconds() {
        return episodeStartT;
    }

    /** Seated time since the last break or movement-break alert. */
    public double sittingSeconds() {
        return sittingSeconds;
    }

    /** Whether alerts are snoozed at {@code tSeconds}. */
    public boolean isSnoozed(double tSeconds) {
        return tSeconds < snoozeUntilT;
    }

    /**
     * Resumes the local day {@code dayIndex} (of the clock set) with {@code deliveredSoFar} buzzes already spent
     * from its budget, as a restarted monitor does with what its history holds.
     */
    public void resumeDay(long dayIndex, int deliveredSoFar) {
        if (deliveredSoFar < 0) throw new IllegalArgumentException("deliveredSoFar must be >= 0: " + deliveredSoFar);
        currentDay = dayIndex;
        deliveredToday = deliveredSoFar;
    }

    /** Buzzes delivered in the current local day. */
    public int deliveredToday() {
        return deliveredToday;
    }

    /** Delivered alerts of a kind since construction. */
    public long deliveredCount(AlertKind kind) {
        return deliveredByKind[kind.ordinal()];
    }

    /** Due alerts with that outcome since construction ({@code DELIVERED} counts all kinds). */
    public long count(Delivery delivery) {
        return byDelivery[delivery.ordinal()];
    }

    /** Updates ignored because their time went backwards, was NaN, or had no state. */
    public long outOfOrderCount() {
        return outOfOrderCount;
    }
}
