package io.spinewatch.live;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A bounded, latest-value inbox between a {@link LiveBus} and one slow consumer: the publisher
 * writes without waiting, the consumer drains at its own pace.
 *
 * <p>Snapshots go into one slot per wearer, so a newer snapshot replaces one not yet drained
 * (the stale one is counted, never queued). Discrete events (alerts, drill prompts and progress,
 * calibration) go into a ring of fixed capacity that drops its oldest entry when full (counted):
 * they are all also summarised in the next snapshot, so losing one costs detail, not state.
 * Pending items therefore never exceed the number of wearers plus the ring's capacity.
 */
public final class LiveMailbox implements LiveListener {
    /** Default ring capacity: a few seconds of the busiest realistic burst of discrete events. */
    public static final int DEFAULT_EVENT_CAPACITY = 64;

    private final Optional<String> wearerId;
    private final int eventCapacity;
    private final ConcurrentHashMap<String, WearerSnapshot> snapshots = new ConcurrentHashMap<>();
    private final ArrayDeque<LiveEvent> events;
    private final AtomicLong replacedSnapshots = new AtomicLong();
    private final AtomicLong droppedEvents = new AtomicLong();

    /**
     * @param wearerId      the one wearer to accept events of, or empty for all wearers
     * @param eventCapacity size of the discrete-event ring, 1..4096
     */
    public LiveMailbox(Optional<String> wearerId, int eventCapacity) {
        if (eventCapacity < 1 || eventCapacity > 4096) {
            throw new IllegalArgumentException("eventCapacity must be in 1..4096: " + eventCapacity);
        }
        this.wearerId = wearerId;
        this.eventCapacity = eventCapacity;
        this.events = new ArrayDeque<>(eventCapacity);
    }

    /** Whether this mailbox takes events of the given wearer. */
    public boolean accepts(String id) {
        return wearerId.isEmpty() || wearerId.get().equals(id);
    }

    @Override
    public void onEvent(LiveEvent event) {
        if (!accepts(event.wearerId())) {
            return;
        }
        if (event instanceof LiveEvent.Snapshot s) {
            offer(s.snapshot());
            return;
        }
        synchronized (events) {
            if (events.size() == eventCapacity) {
                events.pollFirst();
                droppedEvents.incrementAndGet();
            }
            events.addLast(event);
        }
    }

    /** Puts a snapshot in its wearer's slot, replacing one not yet drained. */
    public void offer(WearerSnapshot snapshot) {
        if (snapshots.put(snapshot.wearerId(), snapshot) != null) {
            replacedSnapshots.incrementAndGet();
        }
    }

    /**
     * Hands every pending discrete event (oldest first), then every pending snapshot (one per
     * wearer), to the consumers, and empties the mailbox. Items arriving meanwhile stay for the
     * next drain.
     *
     * @return the number of items handed over
     */
    public int drain(Consumer<LiveEvent> eventConsumer, Consumer<WearerSnapshot> snapshotConsumer) {
        int n = 0;
        while (true) {
            LiveEvent e;
            synchronized (events) {
                e = events.pollFirst();
            }
            if (e == null) {
                break;
            }
            eventConsumer.accept(e);
            n++;
        }
        for (String id : snapshots.keySet()) {
            WearerSnapshot s = snapshots.remove(id);
            if (s != null) {
                snapshotConsumer.accept(s);
                n++;
            }
        }
        return n;
    }

    /** Items waiting: never more than the number of wearers plus the ring's capacity. */
    public int pending() {
        synchronized (events) {
            return events.size() + snapshots.size();
        }
    }

    /** Snapshots replaced by a newer one before the consumer drained them. */
    public long replacedSnapshots() {
        return replacedSnapshots.get();
    }

    /** Discrete events dropped because the ring was full. */
    public long droppedEvents() {
        return droppedEvents.get();
    }
}
