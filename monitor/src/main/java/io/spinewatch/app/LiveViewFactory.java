package io.spinewatch.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.spinewatch.history.HistoryStore;
import io.spinewatch.live.LiveBus;
import io.spinewatch.live.LiveControl;
import java.util.Optional;

/**
 * Starts a live view (the web dashboard) for the commands that have one, so the monitor's command line can offer
 * it without knowing HTTP: the dashboard module passes its implementation to {@link Spinewatch#commandLine(Views)}.
 */
@FunctionalInterface
public interface LiveViewFactory {

    /** Says clearly that this build has no dashboard (the monitor module alone, as in its tests). */
    LiveViewFactory UNAVAILABLE = (bind, port, token, bus, control, history) -> {
        throw new IllegalStateException("the dashboard is not part of this build: run the application jar "
                + "(./spinewatch) or add --no-dashboard");
    };

    /**
     * Starts serving {@code bus} and accepting {@code control} requests; returns once listening.
     *
     * @param bindAddress address to listen on, e.g. {@code 127.0.0.1}
     * @param port        TCP port, 0 for any free one
     * @param token       access token required from every client; needed when not bound to loopback
     * @param history     the wearers' stored history for today's and this week's figures; empty when the
     *                    command keeps none
     * @throws IllegalArgumentException for settings the view refuses (a public address without a token)
     * @throws IllegalStateException    when it cannot start (port taken, no dashboard in this build)
     */
    LiveView start(String bindAddress, int port, Optional<String> token, LiveBus bus, LiveControl control,
            Optional<HistoryStore> history);

    /** A running live view; closing it stops serving. */
    interface LiveView extends AutoCloseable {
        /** Where to point a browser, with the token when one is needed. */
        String url();

        /** The registry the view exports (on {@code /metrics}), for the command to bind its pipeline meters to; empty when it exports none. */
        default Optional<MeterRegistry> meterRegistry() {
            return Optional.empty();
        }

        @Override
        void close();
    }
}
