package io.spinewatch.dashboard;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spinewatch.app.LiveViewFactory;
import io.spinewatch.history.HistoryStore;
import io.spinewatch.live.LiveBus;
import io.spinewatch.live.LiveControl;
import java.util.Optional;

/** Starts the web dashboard for the monitor's commands, with a Prometheus registry of its own for {@code /metrics}. */
public final class DashboardViews implements LiveViewFactory {

    @Override
    public LiveView start(String bindAddress, int port, Optional<String> token, LiveBus bus, LiveControl control,
            Optional<HistoryStore> history) {
        DashboardConfig config = DashboardConfig.defaults().withListen(bindAddress, port, token);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DashboardServer server = DashboardServer.start(config, bus, control, registry, history);
        String host = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        if (host.equals("0.0.0.0") || host.equals("[::]")) {
            host = "localhost";
        }
        String url = "http://" + host + ":" + server.port() + "/" + token.map(t -> "?token=" + t).orElse("");
        return new LiveView() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public Optional<MeterRegistry> meterRegistry() {
                return Optional.of(registry);
            }

            @Override
            public void close() {
                server.close();
                registry.close();
            }
        };
    }
}
