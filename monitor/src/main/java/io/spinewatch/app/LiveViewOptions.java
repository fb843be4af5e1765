package io.spinewatch.app;

import io.spinewatch.config.DashboardConfig;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of the commands that show wearers live ({@code demo}, {@code run}): dashboard, status lines, run time.
 * The dashboard ones override the config file's {@code dashboard.*} keys ({@link #addTo}).
 */
public final class LiveViewOptions {
    /** Environment variable read for the dashboard token when neither {@code --token} nor {@code dashboard.token-env} says otherwise. */
    public static final String ENV_TOKEN = DashboardConfig.DEFAULT_TOKEN_ENV;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Dashboard port, 0 for any free one (default: " + DashboardConfig.DEFAULT_PORT + "; config dashboard.port).")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Dashboard address (default: " + DashboardConfig.DEFAULT_BIND + "; config dashboard.bind); "
                    + "any other than loopback needs a token.")
    String bind;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Access token for the dashboard (16+ characters; default: $" + ENV_TOKEN
                    + ", or the variable named by dashboard.token-env).")
    String token;

    @Option(names = "--no-dashboard", description = "No web dashboard: status lines on stdout only (config dashboard.enabled=false).")
    boolean noDashboard;

    @Option(names = "--status-every", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between status lines, 0 for none (default: ${DEFAULT-VALUE}).")
    double statusSeconds;

    @Option(names = "--minutes", paramLabel = "M", description = "Stop after M minutes of wall time (default: run until Ctrl-C).")
    Double minutes;

    /** The dashboard options given, under their config keys. */
    void addTo(ConfigOptions.Overrides o) {
        o.add("--port", "dashboard.port", port)
                .add("--bind", "dashboard.bind", bind)
                .add("--no-dashboard", "dashboard.enabled", noDashboard ? "false" : null);
    }

    /** {@code --token}, else the variable the config names. */
    Optional<String> token(DashboardConfig d, Map<String, String> env) {
        return token != null ? Optional.of(token) : d.token(env);
    }
}
