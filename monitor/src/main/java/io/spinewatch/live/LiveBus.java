package io.spinewatch.live;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the pipeline publishes what it sees and viewers subscribe. Each wearer has a single
 * publisher (the thread that processes that wearer); any number of listeners subscribe.
 *
 * <p>The bus keeps the latest snapshot of every wearer for whoever asks, and hands each event to
 * every listener synchronously on the publisher's thread. Listeners never block (see
 * {@link LiveListener}); a slow consumer subscribes through a {@link LiveMailbox}, which keeps only
 * the latest snapshot per wearer, so it drops stale values instead of queueing them.
 */
public final class LiveBus {
    private final ConcurrentHashMap<String, WearerSnapshot> latest = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<LiveListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong listenerFailures = new AtomicLong();

    /** Publishes a snapshot; shorthand for {@code publish(new LiveEvent.Snapshot(s))}. */
    public void publish(WearerSnapshot snapshot) {
        publish(new LiveEvent.Snapshot(snapshot));
    }

    /**
     * Records the event (a snapshot becomes its wearer's latest) and hands it to every listener.
     * A listener that throws is counted and skipped: a viewer's bug never stops the pipeline.
     */
    public void publish(LiveEvent event) {
        if (event instanceof LiveEvent.Snapshot s) {
            latest.put(s.wearerId(), s.snapshot());
        }
        for (LiveListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                listenerFailures.incrementAndGet();
            }
        }
    }

    /** Subscribes a listener until the returned handle is closed. */
    public Subscription subscribe(LiveListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The wearer's latest snapshot, if one was published. */
    public Optional<WearerSnapshot> latest(String wearerId) {
        return Optional.ofNullable(latest.get(wearerId));
    }

    /** The latest snapshot of every wearer seen, ordered by wearer id. */
    public List<WearerSnapshot> latestAll() {
        List<WearerSnapshot> all = new ArrayList<>(latest.values());
        all.sort(Comparator.comparing(WearerSnapshot::wearerId));
        return all;
    }

    /** Forgets a wearer who left (their latest snapshot is no longer offered). */
    public void forget(String wearerId) {
        latest.remove(wearerId);
    }

    /** Number of listeners subscribed now. */
    public int listenerCount() {
        return listeners.size();
    }

    /** Exceptions thrown by listeners since start (each one skipped). */
    public long listenerFailures() {
        return listenerFailures.get();
    }

    /** A subscription; closing it unsubscribes. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
