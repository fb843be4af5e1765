package io.spinewatch.app;

import io.spinewatch.live.Angle;
import io.spinewatch.live.AlertNote;
import io.spinewatch.live.LiveBus;
import io.spinewatch.live.LiveControl;
import io.spinewatch.live.SensorHealth;
import io.spinewatch.live.WearerSnapshot;
import java.io.PrintWriter;
import java.util.Locale;
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

    /**
     * @param machinery stopped on the way out (sources, pipelines)
     * @param summary   prints a last word after the machinery stopped
     * @return the exit code: 0, or 2 when the dashboard could not start
     */
    static int run(String command, PrintWriter out, PrintWriter err, LiveViewFactory views, LiveViewOptions o,
            LiveBus bus, LiveControl control, AutoCloseable machinery, Consumer<PrintWriter> summary) {
        LiveViewFactory.LiveView view = null;
        if (!o.noDashboard) {
            try {
                view = views.start(o.bind, o.port, o.token(), bus, control);
            } catch (IllegalArgumentException | IllegalStateException e) {
                closeQuietly(machinery);
                err.println(command + ": " + e.getMessage() + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
                err.flush();
                return 2;
            }
            out.println("dashboard: " + view.url());
        } else {
            out.println("dashboard: off (--no-dashboard)");
        }
        out.flush();
        CountDownLatch done = new CountDownLatch(1);
        AtomicBoolean stopped = new AtomicBoolean();
        LiveViewFactory.LiveView v = view;
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                closeQuietly(machinery);
                if (v != null) v.close();
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

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // shutting down; nothing more useful to do
        }
    }
}
