package io.spinewatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.spinewatch.live.LiveBus;
import io.spinewatch.live.LiveEvent;
import io.spinewatch.live.LiveListener;
import io.spinewatch.live.WearerSnapshot;
import io.spinewatch.posture.PostureState;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * Registers the live meters with Micrometer: wearers by posture state, alerts, drills and
 * calibrations (counted from the {@link LiveBus}), and the dashboard's clients. Names follow the
 * Prometheus conventions once exported: {@code spinewatch_wearers{state}},
 * {@code spinewatch_alerts_total{kind,delivered}}, {@code spinewatch_drills_total{outcome}},
 * {@code spinewatch_calibrations_total{phase}}, {@code spinewatch_dashboard_clients},
 * {@code spinewatch_dashboard_clients_dropped_total}.
 */
public final class LiveMetrics implements LiveListener, AutoCloseable {
    private final LiveBus bus;
    private final MeterRegistry registry;
    private final Set<String> statesWithGauge = ConcurrentHashMap.newKeySet();
    private final LiveBus.Subscription subscription;

    private LiveMetrics(LiveBus bus, MeterRegistry registry) {
        this.bus = bus;
        this.registry = registry;
        for (PostureState s : PostureState.values()) {
            stateGauge(s.label());
        }
        Gauge.builder("spinewatch.wearers.seen", () -> bus.latestAll().size())
                .description("Wearers with a snapshot on the live bus")
                .register(registry);
        FunctionCounter.builder("spinewatch.live.listener.failures", bus, LiveBus::listenerFailures)
                .description("Exceptions thrown by live-bus listeners (each skipped)")
                .register(registry);
        this.subscription = bus.subscribe(this);
    }

    /** Registers the bus meters and subscribes to the bus until {@link #close()}. */
    public static LiveMetrics bind(LiveBus bus, MeterRegistry registry) {
        return new LiveMetrics(bus, registry);
    }

    /**
     * Registers the dashboard's client meters, read from {@code feed} at each scrape. Micrometer
     * holds {@code feed} weakly, as it does every measured object: the caller keeps it referenced.
     *
     * @param connected number of live-feed clients connected now
     * @param dropped   clients dropped since start because they stopped reading
     */
    public static <T> void bindDashboardClients(MeterRegistry registry, T feed, ToIntFunction<T> connected,
            ToLongFunction<T> dropped) {
        Gauge.builder("spinewatch.dashboard.clients", feed, f -> connected.applyAsInt(f))
                .description("Live-feed clients connected to the dashboard")
                .register(registry);
        FunctionCounter.builder("spinewatch.dashboard.clients.dropped", feed, f -> dropped.applyAsLong(f))
                .description("Dashboard clients dropped because a send blocked past its timeout")
                .register(registry);
    }

    @Override
    public void onEvent(LiveEvent event) {
        if (event instanceof LiveEvent.Snapshot s) {
            String state = s.snapshot().state();
            if (!statesWithGauge.contains(state)) {
                stateGauge(state);
            }
        } else if (event instanceof LiveEvent.Alert a) {
            Counter.builder("spinewatch.alerts")
                    .description("Alerts that fell due, delivered or held back")
                    .tag("kind", a.alert().kind())
                    .tag("delivered", Boolean.toString(a.alert().delivered()))
                    .register(registry).increment();
        } else if (event instanceof LiveEvent.DrillPrompt) {
            drillCounter("prompted").increment();
        } else if (event instanceof LiveEvent.DrillProgress p && p.status() != LiveEvent.DrillStatus.ACTIVE) {
            drillCounter(p.status().label()).increment();
        } else if (event instanceof LiveEvent.Calibration c) {
            Counter.builder("spinewatch.calibrations")
                    .description("Calibration steps reached")
                    .tag("phase", c.phase().label())
                    .register(registry).increment();
        }
    }

    private Counter drillCounter(String outcome) {
        return Counter.builder("spinewatch.drills")
                .description("Drills prompted, and drills ended by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    private void stateGauge(String state) {
        if (statesWithGauge.add(state)) {
            Gauge.builder("spinewatch.wearers", () -> countInState(state))
                    .description("Wearers whose latest posture state is this one")
                    .tag("state", state)
                    .register(registry);
        }
    }

    private int countInState(String state) {
        int n = 0;
        for (WearerSnapshot s : bus.latestAll()) {
            if (s.state().equals(state)) {
                n++;
            }
        }
        return n;
    }

    /** Stops counting bus events; the meters stay registered. */
    @Override
    public void close() {
        subscription.close();
    }
}
