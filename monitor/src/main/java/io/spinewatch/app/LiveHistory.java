package io.spinewatch.app;

import io.spinewatch.history.DayTotals;
import io.spinewatch.history.DbLocation;
import io.spinewatch.history.HistoryStore;
import io.spinewatch.history.HistoryWriter;
import io.spinewatch.history.WearerHistory;
import io.spinewatch.pipeline.HistoryFeed;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live command's history: one store and one {@link HistoryWriter} for the process, a {@link HistoryFeed} per
 * wearer (with what the store held for that wearer's day, so a restarted monitor resumes the day's totals), a
 * line of progress with the status lines, and a bounded flush at shutdown. Or nothing, when the history is off.
 */
final class LiveHistory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveHistory.class);
    /** Longest wait at shutdown for the queued records to commit, ms: a few batch delays, short enough for Ctrl-C. */
    static final long FLUSH_MILLIS = 5_000;
    /** Longest wait for the writer thread to stop after the flush, ms (it only has to notice). */
    static final long CLOSE_MILLIS = 2_000;
    /** H2's error code for a database file another process holds open ({@code DATABASE_ALREADY_OPEN_1}). */
    static final int H2_ALREADY_OPEN = 90020;

    /** The store could not be opened; the message is for people. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private final String command;
    private final Optional<HistoryStore> store;
    private final HistoryWriter writer;
    private final String offReason;
    private final Clock clock;
    private final ZoneId zone;
    /** Wearers whose zone the configuration names; the others' days follow the machine's zone. */
    private final Map<String, ZoneId> zones;
    private final Map<String, DayTotals> storedToday;
    private final Map<String, Long> storedUntil;
    private final AtomicLong wearers = new AtomicLong();
    private final AtomicLong refusedWearers = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ScheduledExecutorService status;
    private volatile boolean closedCleanly = true;

    private LiveHistory(String command, PrintWriter out, Optional<HistoryStore> store, HistoryWriter writer,
            String offReason, Clock clock, Map<String, ZoneId> zones, Map<String, DayTotals> storedToday,
            Map<String, Long> storedUntil, double statusSeconds) {
        this.command = command;
        this.store = store;
        this.writer = writer;
        this.offReason = offReason;
        this.clock = clock;
        this.zone = clock.getZone();
        this.zones = Map.copyOf(zones);
        this.storedToday = storedToday;
        this.storedUntil = storedUntil;
        if (writer != null && statusSeconds > 0) {
            long ms = Math.max(100, Math.round(statusSeconds * 1000));
            status = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "spinewatch-history-status");
                t.setDaemon(true);
                return t;
            });
            long[] shown = {-1, -1};
            status.scheduleAtFixedRate(() -> {
                long kept = writer.acknowledged();
                long dropped = writer.dropped();
                if (kept != shown[0] || dropped != shown[1]) {
                    shown[0] = kept;
                    shown[1] = dropped;
                    out.println(progressLine());
                    out.flush();
                }
            }, ms, ms, TimeUnit.MILLISECONDS);
        } else {
            status = null;
        }
    }

    /** No history: says so, and why. */
    static LiveHistory off(String command, PrintWriter out, String reason) {
        out.println("history: off (" + reason + ")");
        out.flush();
        return new LiveHistory(command, out, Optional.empty(), null, reason, Clock.systemDefaultZone(), Map.of(), Map.of(), Map.of(), 0);
    }

    /** No history although one was asked for: says so and logs it as a warning. */
    static LiveHistory unavailable(String command, PrintWriter out, String reason) {
        LOG.warn("{}: history off: {}", command, reason);
        return off(command, out, reason);
    }

    /**
     * Opens the store at {@code location}, reads what it holds for each known wearer's current day in the clock's
     * zone (or the wearer's own, from {@code zones}), and starts the writer.
     *
     * @param zones         the time zones the configuration gives wearers (wearer.&lt;id&gt;.zone); the others use the
     *                      clock's
     * @param statusSeconds seconds between progress lines (printed when something changed), 0 for none
     */
    static LiveHistory open(String command, PrintWriter out, DbLocation location, Clock clock, Map<String, ZoneId> zones,
            double statusSeconds) throws Unavailable {
        HistoryStore store;
        try {
            store = HistoryStore.open(location);
        } catch (SQLException | RuntimeException e) {
            throw new Unavailable(describe(location, e));
        }
        Map<String, DayTotals> today = new HashMap<>();
        Map<String, Long> until = new HashMap<>();
        try {
            for (String w : store.wearers()) {
                ZoneId z = zones.getOrDefault(w, clock.getZone());
                today.put(w, store.dayTotals(w, LocalDate.now(clock.withZone(z)), z));
                store.latestMillis(w).ifPresent(t -> until.put(w, t));
            }
        } catch (SQLException | RuntimeException e) {
            closeQuietly(store);
            throw new Unavailable(describe(location, e));
        }
        HistoryWriter writer = new HistoryWriter(store);
        out.println("history: " + location + (today.isEmpty() ? "" : String.format(Locale.ROOT,
                " (%d wearer%s known; today so far resumed from it)", today.size(), today.size() == 1 ? "" : "s")));
        out.flush();
        LOG.info("{}: keeping history in {}", command, location);
        return new LiveHistory(command, out, Optional.of(store), writer, null, clock, zones, today, until, statusSeconds);
    }

    private static String describe(DbLocation location, Exception e) {
        if (e instanceof SQLException s && s.getErrorCode() == H2_ALREADY_OPEN) {
            return location + " is in use by another process (another demo or run?)";
        }
        return "cannot open " + location + ": " + e.getMessage();
    }

    /** The store, for the dashboard's history views; empty when the history is off. */
    Optional<HistoryStore> store() {
        return store;
    }

    /**
     * The feed of a wearer seen for the first time (the hub calls this on a source's thread); empty when the history
     * is off or the id cannot be stored (counted and logged: the wearer is still monitored).
     */
    Optional<HistoryFeed> feedFor(String wearerId) {
        if (writer == null) {
            return Optional.empty();
        }
        try {
            WearerHistory h = new WearerHistory(wearerId, zones.getOrDefault(wearerId, zone), writer);
            wearers.incrementAndGet();
            Long until = storedUntil.get(wearerId);
            return Optional.of(new HistoryFeed(h, clock, Optional.ofNullable(storedToday.get(wearerId)),
                    until == null ? OptionalLong.empty() : OptionalLong.of(until)));
        } catch (IllegalArgumentException e) {
            refusedWearers.incrementAndGet();
            LOG.warn("history: wearer '{}' is monitored but not stored: {}", wearerId, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Commits what is queued (waiting at most {@value #FLUSH_MILLIS} ms), stops the writer and closes the store.
     * Call after the wearers' streams ended (their last episodes and minutes are submitted then). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || writer == null) {
            return;
        }
        if (status != null) {
            status.shutdownNow();
        }
        try {
            if (!writer.flush(FLUSH_MILLIS)) {
                LOG.warn("history: {} records not committed after {} ms", writer.submitted() - writer.acknowledged(), FLUSH_MILLIS);
            }
            // close() commits what is left, but would wait as long as a stuck database makes it: bounded here.
            Thread closer = new Thread(writer::close, "history-close");
            closer.setDaemon(true);
            closer.start();
            closer.join(CLOSE_MILLIS);
            if (closer.isAlive()) {
                closedCleanly = false;
                LOG.error("history: the writer did not stop within {} ms; {} left open", FLUSH_MILLIS + CLOSE_MILLIS,
                        store.orElseThrow().location());
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closedCleanly = false;
            return;
        }
        closeQuietly(store.orElseThrow());
    }

    /** The summary line: where, what was kept, what was lost. */
    void printSummary(PrintWriter o) {
        if (writer == null) {
            o.println(command + ": history off (" + offReason + ")");
            return;
        }
        long notCommitted = writer.submitted() - writer.acknowledged();
        o.printf(Locale.ROOT, "%s: history in %s: %d records kept for %d wearer%s, %d dropped (queue full), %d not written "
                        + "at shutdown%s%s%n", command, store.orElseThrow().location(), writer.acknowledged(), wearers.get(),
                wearers.get() == 1 ? "" : "s", writer.dropped(), notCommitted,
                writer.failedCommits() > 0 ? ", " + writer.failedCommits() + " failed commits retried" : "",
                refusedWearers.get() > 0 ? ", " + refusedWearers.get() + " wearers not stored (bad id)" : "");
        if (!closedCleanly) {
            o.println(command + ": history writer did not finish; the database was left to the process's end");
        }
    }

    /** One line of progress: the acknowledgement watermark (everything up to it is committed) and the losses. */
    String progressLine() {
        return String.format(Locale.ROOT, "history: %d records kept, %d queued, %d dropped", writer.acknowledged(),
                writer.queued(), writer.dropped());
    }

    private static void closeQuietly(HistoryStore s) {
        try {
            s.close();
        } catch (SQLException e) {
            LOG.warn("history: closing {}: {}", s.location(), e.toString());
        }
    }
}
