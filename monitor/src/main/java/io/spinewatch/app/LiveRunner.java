package io.spinewatch.app;

import io.spinewatch.config.DashboardConfig;
import io.spinewatch.history.HistoryStore;
import io.spinewatch.live.Angle;
import io.spinewatch.live.AlertNote;
import io.spinewatch.live.LiveBus;
import io.spinewatch.live.LiveControl;
import io.spinewatch.live.SensorHealth;
import io.spinewatch.live.WearerSnapshot;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs live machinery until {@code --minutes} pass or Ctrl-C: starts the dashboard unless told not to, prints a
 * status line per wearer every few seconds, and shuts down cleanly from either end (a shutdown hook for Ctrl-C).
 */
final class LiveRunner {
    private LiveRunner() {
    }

    /** Thrown when the live view could not start; the message is for people. */
    static final class ViewFailed extends Exception {
        ViewFailed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Starts the dashboard unless it is off, before any wearer runs (so the view sees every event)
     * and prints where it is; empty when it is off.
     */
    static Optional<LiveViewFactory.LiveView> startView(PrintWriter out, LiveViewFactory views, DashboardConfig d,
            Optional<String> token, LiveBus bus, LiveControl control, Optional<HistoryStore> history) throws ViewFailed {
        if (!d.enabled()) {
            out.println("dashboard: off");
            out.flush();
            return Optional.empty();
        }
        try {
            LiveViewFactory.LiveView view = views.start(d.bind(), d.port(), token, bus, control, history);
            out.println("dashboard: " + view.url());
            out.flush();
            return Optional.of(view);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ViewFailed(e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
        }
    }

    /**
     * Runs until {@code --minutes} pass or Ctrl-C, printing status lines; then stops {@code machinery} (sources,
     * pipelines) and the view, and prints the last status lines and {@code summary}.
     *
     * @return the exit code, 0
     */
    static int run(String command, PrintWriter out, LiveViewOptions o, LiveBus bus,
            Optional<LiveViewFactory.LiveView> view, AutoCloseable machinery, Consumer<PrintWriter> summary) {
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                closeQuietly(machinery);
                view.ifPresent(LiveViewFactory.LiveView::close);
                done.countDown();
            }
        };
        Thread hook = new Thread(() -> {
            stop.run();
            out.println(command + ": stopped");
            out.flush();
        }, "spinewatch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spinewatch-status");
            t.setDaemon(true);
            return t;
        });
        if (o.statusSeconds > 0) {
            long ms = Math.max(100, Math.round(o.statusSeconds * 1000));
            printer.scheduleAtFixedRate(() -> {
                for (WearerSnapshot s : bus.latestAll()) out.println(statusLine(s));
                out.flush();
            }, ms, ms, TimeUnit.MILLISECONDS);
        }
        try {
            if (o.minutes != null) {
                done.await(Math.round(o.minutes * 60_000), TimeUnit.MILLISECONDS);
            } else {
                done.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        printer.shutdownNow();
        stop.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running
        }
        for (WearerSnapshot s : bus.latestAll()) out.println(statusLine(s));
        summary.accept(out);
        out.flush();
        return 0;
    }

    /** One line per wearer: state and how long, the angles, alerts today, sensors reporting. */
    static String statusLine(WearerSnapshot s) {
        StringBuilder b = new StringBuilder(160);
        b.append(String.format(Locale.ROOT, "%-10s t=%6.0fs  %-11s %5.0fs ", s.wearerId(), s.tSeconds(), s.state(),
                s.stateDurationSeconds()));
        angle(b, "lumbar", s.angleDeg(Angle.LUMBAR_FLEXION));
        angle(b, "thoracic", s.angleDeg(Angle.THORACIC_FLEXION));
        angle(b, "tilt", s.angleDeg(Angle.PELVIC_TILT));
        angle(b, "lean", s.angleDeg(Angle.TRUNK_LEAN));
        b.append(String.format(Locale.ROOT, " | slouched %4.0fs  alerts %d", s.slouchedSecondsToday(), s.alertsToday()));
        if (!s.lastAlerts().isEmpty()) {
            AlertNote a = s.lastAlerts().get(s.lastAlerts().size() - 1);
            b.append(String.format(Locale.ROOT, " (last %s at %.0fs)", a.kind(), a.tSeconds()));
        }
        long ok = s.sensors().values().stream().filter(h -> !h.silent()).count();
        double rate = s.sensors().values().stream().mapToDouble(SensorHealth::rateHz).average().orElse(0);
        b.append(String.format(Locale.ROOT, " | sensors %d/%d %.0f Hz", ok, s.sensors().size(), rate));
        s.drill().ifPresent(d -> b.append(String.format(Locale.ROOT, " | drill %s %d/%d", d.drillId(), d.repsDone(), d.repsTarget())));
        return b.toString();
    }

    private static void angle(StringBuilder b, String name, OptionalDouble deg) {
        b.append(' ').append(name).append(' ');
        b.append(deg.isPresent() ? String.format(Locale.ROOT, "%5.1f", deg.getAsDouble()) : "    -");
    }

    /** Closes {@code first}, then {@code then} (the pipelines, then what they wrote to), each even if the other fails. */
    static AutoCloseable closeInOrder(AutoCloseable first, AutoCloseable then) {
        return () -> {
            closeQuietly(first);
            closeQuietly(then);
        };
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // shutting down; nothing more useful to do
        }
    }
}
