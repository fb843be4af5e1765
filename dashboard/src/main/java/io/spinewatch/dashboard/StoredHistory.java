package io.spinewatch.dashboard;

import io.spinewatch.history.AlertRecord;
import io.spinewatch.history.DrillRecord;
import io.spinewatch.history.EpisodeRecord;
import io.spinewatch.history.HistoryStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wearers' stored history as the dashboard serves it ({@code GET /api/history/{id}}). Queries run on
 * one thread of their own, never on a request thread or the live feed's, and each wearer's answer is
 * cached for {@code cacheSeconds}: a page refreshing every minute, or many pages open on one wearer,
 * cost at most one query burst per wearer per cache period. Requests for a wearer whose query is under
 * way wait for that query instead of starting another.
 */
final class StoredHistory implements AutoCloseable {
    /**
     * How long an answer is reused. Default {@value}: half the page's one-minute refresh, so an open page
     * sees a finished episode within 1.5 min, while the store (shared with the history writer) answers
     * at most one wearer query every 30 s per wearer however many pages are open.
     */
    static final double DEFAULT_CACHE_SECONDS = 30;
    /** A failed query is retried after this long, not before: a down database is not hammered. */
    static final double FAILURE_RETRY_SECONDS = 5;
    /** A request waits this long for a query before it gets 503 (the query goes on and fills the cache). */
    static final double QUERY_TIMEOUT_SECONDS = 10;
    /**
     * Cached answers kept at most (one per wearer asked about); beyond it, finished ones are dropped, and
     * while that many are still waiting for the database, further wearers get 503 instead of a queued query.
     */
    static final int MAX_CACHED = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(StoredHistory.class);

    /** An HTTP answer: status and JSON body. */
    record Answer(int status, String body) {
    }

    private static final Answer NOT_KEPT = new Answer(200, "{\"enabled\":false,"
            + "\"reason\":\"this monitor was started without a history database\"}");
    private static final Answer UNKNOWN = new Answer(404, "{\"error\":\"no such wearer in the history\"}");
    private static final Answer BUSY = new Answer(503, "{\"error\":\"too many history queries waiting; try again later\"}");
    private static final Answer SLOW = new Answer(503, "{\"error\":\"the history database is slow to answer; try again later\"}");

    private final Optional<HistoryStore> store;
    private final Predicate<String> liveWearer;
    private final Clock clock;
    private final double cacheSeconds;
    private final long cacheNanos;
    private final long retryNanos;
    private final ExecutorService queries;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final AtomicLong queriesRun = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    /** Failures since the store last answered; the first of a burst is logged, the rest counted. */
    private long failureBurst;

    /**
     * @param store        the history, empty when the monitor keeps none
     * @param liveWearer   wearers the live bus knows: known even before anything of theirs is stored
     * @param clock        what "today" is
     * @param cacheSeconds how long an answer is reused, 0..3600
     */
    StoredHistory(Optional<HistoryStore> store, Predicate<String> liveWearer, Clock clock, double cacheSeconds) {
        if (!(cacheSeconds >= 0 && cacheSeconds <= 3600)) {
            throw new IllegalArgumentException("cacheSeconds must be in 0..3600: " + cacheSeconds);
        }
        this.store = store;
        this.liveWearer = liveWearer;
        this.clock = clock;
        this.cacheSeconds = cacheSeconds;
        this.cacheNanos = (long) (cacheSeconds * 1e9);
        this.retryNanos = Math.min(cacheNanos, (long) (FAILURE_RETRY_SECONDS * 1e9));
        this.queries = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dashboard-history");
            t.setDaemon(true);
            return t;
        });
    }

    /** One cached answer: in flight until its future completes, then fresh for a while. */
    private final class Entry {
        final CompletableFuture<Answer> answer = new CompletableFuture<>();
        volatile long doneNanos;

        boolean usable(long nowNanos) {
            if (!answer.isDone()) {
                return true;
            }
            long keep = answer.join().status() == 503 ? retryNanos : cacheNanos;
            return nowNanos - doneNanos < keep;
        }
    }

    /** The wearer's history answer; completes on the query thread (or at once from the cache), never exceptionally. */
    CompletableFuture<Answer> answer(String wearerId) {
        if (store.isEmpty()) {
            return CompletableFuture.completedFuture(NOT_KEPT);
        }
        long now = System.nanoTime();
        if (cache.size() >= MAX_CACHED && !cache.containsKey(wearerId)) {
            cache.values().removeIf(e -> e.answer.isDone());
            if (cache.size() >= MAX_CACHED) { // that many queries waiting: the database has stopped answering
                return CompletableFuture.completedFuture(BUSY);
            }
        }
        Entry[] created = new Entry[1];
        Entry e = cache.compute(wearerId, (id, old) -> {
            if (old != null && old.usable(now)) {
                return old;
            }
            created[0] = new Entry();
            return created[0];
        });
        if (created[0] != null) {
            Entry fresh = created[0];
            try {
                queries.execute(() -> {
                    Answer a = load(wearerId);
                    fresh.doneNanos = System.nanoTime();
                    fresh.answer.complete(a);
                });
            } catch (RuntimeException rejected) { // closed
                fresh.doneNanos = System.nanoTime();
                fresh.answer.complete(new Answer(503, "{\"error\":\"the dashboard is stopping\"}"));
            }
        }
        return e.answer.copy().completeOnTimeout(SLOW, (long) (QUERY_TIMEOUT_SECONDS * 1000), TimeUnit.MILLISECONDS);
    }

    /** Queries the store and builds the answer; on the query thread only. */
    private Answer load(String wearerId) {
        HistoryStore s = store.orElseThrow();
        queriesRun.incrementAndGet();
        try {
            Instant now = clock.instant();
            Optional<ZoneId> storedZone = s.zone(wearerId);
            ZoneId zone = storedZone.orElse(ZoneOffset.UTC);
            LocalDate today = HistorySummary.todayIn(now, zone);
            long from = HistoryStore.dayStartMillis(HistorySummary.firstDayNeeded(today), zone);
            long to = HistoryStore.dayStartMillis(today.plusDays(1), zone);
            List<EpisodeRecord> episodes = s.episodes(wearerId, from, to);
            List<AlertRecord> alerts = s.alerts(wearerId, from, to);
            List<DrillRecord> drills = s.drills(wearerId, from, to);
            recovered();
            // The pipeline stores a zone for every wearer it sees, so a wearer with neither a zone, nor
            // recent records, nor a live snapshot is one this monitor does not know.
            if (storedZone.isEmpty() && episodes.isEmpty() && alerts.isEmpty() && drills.isEmpty()
                    && !liveWearer.test(wearerId)) {
                return UNKNOWN;
            }
            HistorySummary summary = HistorySummary.of(wearerId, zone, today, episodes, alerts, drills);
            return new Answer(200, summary.json(now.toEpochMilli(), cacheSeconds));
        } catch (SQLException | RuntimeException e) {
            failed(e);
            StringBuilder sb = new StringBuilder();
            new JsonWriter(sb).beginObject().name("error").value("the history database failed: " + shortMessage(e)).endObject();
            return new Answer(503, sb.toString());
        }
    }

    private void failed(Exception e) {
        failures.incrementAndGet();
        if (failureBurst++ == 0) {
            LOG.warn("history panel: the history database failed ({}); further failures are counted until it answers again: {}",
                    store.orElseThrow().location(), shortMessage(e));
        }
    }

    private void recovered() {
        if (failureBurst > 0) {
            LOG.info("history panel: the history database answers again after {} failed queries", failureBurst);
            failureBurst = 0;
        }
    }

    /** The exception's first line, without a password a URL might hold, at most 200 characters. */
    static String shortMessage(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        if (nl >= 0) {
            m = m.substring(0, nl);
        }
        m = m.replaceAll("(?i)(password=)[^&;\\s]*", "$1***");
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    /** Store queries run so far (each a wearer's few SELECTs): how the cache is seen to work. */
    long queriesRun() {
        return queriesRun.get();
    }

    /** Queries that failed. */
    long failures() {
        return failures.get();
    }

    /**
     * Stops taking queries; one under way finishes on its own (daemon) thread. Never interrupted: H2 closes
     * its file when a thread is interrupted mid-read, and the store is shared with the history writer. The
     * store stays open (its owner closes it).
     */
    @Override
    public void close() {
        queries.shutdown();
    }
}
