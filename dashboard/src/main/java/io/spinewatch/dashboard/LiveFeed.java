package io.spinewatch.dashboard;

import io.javalin.http.sse.SseClient;
import io.spinewatch.live.LiveBus;
import io.spinewatch.live.LiveEvent;
import io.spinewatch.live.LiveMailbox;
import io.spinewatch.live.WearerSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.server.Request;

/**
 * The Server-Sent Events feed. Each client has a {@link LiveMailbox} on the bus (the publisher
 * only ever writes into it, never waits) and a sender thread that, at most {@code rateHz} times a
 * second, drains the mailbox and writes what it found. A watchdog drops a client whose write has
 * blocked past the send timeout: it has stopped reading, so its connection is closed, the client
 * marked closed and counted. Nothing queues without bound and no client slows another.
 *
 * <p>Frames: the wearer feed sends {@code snapshot} (full snapshot JSON), {@code alert},
 * {@code drill} and {@code calibration}; the overview feed sends {@code tiles} (array of changed
 * tiles) and {@code alert}.
 */
final class LiveFeed implements AutoCloseable {
    /** With nothing to send, a comment this often finds clients that went away. */
    private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final LiveBus bus;
    private final DashboardConfig config;
    private final long sendTimeoutNanos;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong serial = new AtomicLong();
    private final ScheduledExecutorService watchdog;

    LiveFeed(LiveBus bus, DashboardConfig config) {
        this.bus = bus;
        this.config = config;
        this.sendTimeoutNanos = (long) (config.sendTimeoutSeconds() * 1e9);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashboard-feed-watchdog");
            t.setDaemon(true);
            return t;
        });
        long checkMillis = Math.max(20, (long) (config.sendTimeoutSeconds() * 250));
        watchdog.scheduleWithFixedDelay(this::dropStalled, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    }

    /** Starts feeding an SSE client: one wearer's events, or (empty) every wearer's tiles. */
    void open(SseClient sse, Optional<String> wearerId) {
        Client c = new Client(sse, wearerId);
        sse.keepAlive();
        sse.onClose(c::close);
        clients.add(c);
        c.start();
    }

    /** Clients connected now. */
    int connected() {
        return clients.size();
    }

    /** Clients dropped since start because a send blocked past the timeout. */
    long dropped() {
        return dropped.get();
    }

    /** The largest number of items any client has waiting; bounded by wearers plus event capacity. */
    int maxPending() {
        int max = 0;
        for (Client c : clients) {
            max = Math.max(max, c.mailbox.pending());
        }
        return max;
    }

    private void dropStalled() {
        long now = System.nanoTime();
        for (Client c : clients) {
            long started = c.sendStartedNanos;
            if (started != 0 && now - started > sendTimeoutNanos) {
                c.drop();
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        for (Client c : clients) {
            c.close();
        }
    }

    /** One connected viewer. */
    private final class Client {
        final SseClient sse;
        final Optional<String> wearerId;
        final LiveMailbox mailbox;
        final LiveBus.Subscription subscription;
        final AtomicBoolean closed = new AtomicBoolean();
        final Thread sender;
        /** System.nanoTime() when the current write began, 0 when not writing. */
        volatile long sendStartedNanos;

        Client(SseClient sse, Optional<String> wearerId) {
            this.sse = sse;
            this.wearerId = wearerId;
            this.mailbox = new LiveMailbox(wearerId, config.eventCapacity());
            // Subscribe first, then offer the latest: a snapshot published in between is at worst sent twice.
            this.subscription = bus.subscribe(mailbox);
            if (wearerId.isPresent()) {
                bus.latest(wearerId.get()).ifPresent(mailbox::offer);
            } else {
                bus.latestAll().forEach(mailbox::offer);
            }
            this.sender = new Thread(this::run, "dashboard-feed-" + serial.incrementAndGet());
            sender.setDaemon(true);
        }

        void start() {
            sender.start();
        }

        private void run() {
            double rateHz = wearerId.isPresent() ? config.wearerFeedRateHz() : config.overviewFeedRateHz();
            long periodNanos = (long) (1e9 / rateHz);
            long next = System.nanoTime();
            long lastSent = next;
            try {
                while (!closed.get()) {
                    boolean sent = wearerId.isPresent() ? sendWearer() : sendOverview();
                    long now = System.nanoTime();
                    if (sent) {
                        lastSent = now;
                    } else if (now - lastSent > HEARTBEAT_NANOS) {
                        sendStartedNanos = now;
                        sse.sendComment("keep-alive");
                        sendStartedNanos = 0;
                        lastSent = now;
                    }
                    if (sse.terminated()) {
                        close();
                        break;
                    }
                    next += periodNanos;
                    long waitNanos = next - System.nanoTime();
                    if (waitNanos > 0) {
                        LockSupport.parkNanos(waitNanos);
                    } else {
                        next = System.nanoTime(); // fell behind: skip the missed ticks, never burst
                    }
                }
            } catch (RuntimeException e) {
                // A write on a connection the container already closed: the client is gone.
                close();
            }
        }

        private boolean sendWearer() {
            List<LiveEvent> events = new ArrayList<>();
            WearerSnapshot[] latest = new WearerSnapshot[1];
            mailbox.drain(events::add, s -> latest[0] = s);
            for (LiveEvent e : events) {
                send(LiveJson.eventName(e), LiveJson.event(e));
            }
            if (latest[0] != null) {
                send("snapshot", LiveJson.snapshot(latest[0]));
            }
            return !events.isEmpty() || latest[0] != null;
        }

        private boolean sendOverview() {
            List<LiveEvent> events = new ArrayList<>();
            List<WearerSnapshot> changed = new ArrayList<>();
            mailbox.drain(events::add, changed::add);
            for (LiveEvent e : events) {
                if (e instanceof LiveEvent.Alert) {
                    send("alert", LiveJson.event(e));
                }
            }
            if (!changed.isEmpty()) {
                send("tiles", LiveJson.tiles(changed));
            }
            return !events.isEmpty() || !changed.isEmpty();
        }

        private void send(String event, String data) {
            if (closed.get()) {
                return;
            }
            sendStartedNanos = System.nanoTime();
            try {
                sse.sendEvent(event, data);
            } finally {
                sendStartedNanos = 0;
            }
        }

        /** The watchdog's verdict: stopped reading. Closing the socket fails the blocked write. */
        void drop() {
            if (closed.get()) {
                return;
            }
            dropped.incrementAndGet();
            Request base = Request.getBaseRequest(sse.ctx().req());
            if (base != null) {
                base.getHttpChannel().getEndPoint().close();
            }
            close();
        }

        void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            subscription.close();
            clients.remove(this);
            LockSupport.unpark(sender);
            sse.close();
        }
    }
}
