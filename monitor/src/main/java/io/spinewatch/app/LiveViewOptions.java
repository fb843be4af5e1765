package io.spinewatch.app;

import java.util.Optional;
import picocli.CommandLine.Option;

/** The options of the commands that show wearers live ({@code demo}, {@code run}): dashboard, status lines, run time. */
public final class LiveViewOptions {
    /** Environment variable read for the dashboard token when {@code --token} is not given. */
    public static final String ENV_TOKEN = "SPINEWATCH_DASHBOARD_TOKEN";

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Dashboard port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Dashboard address (default: ${DEFAULT-VALUE}); any other than loopback needs a token.")
    String bind;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Access token for the dashboard (16+ characters; default: $" + ENV_TOKEN + ").")
    String token;

    @Option(names = "--no-dashboard", description = "No web dashboard: status lines on stdout only.")
    boolean noDashboard;

    @Option(names = "--status-every", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between status lines, 0 for none (default: ${DEFAULT-VALUE}).")
    double statusSeconds;

    @Option(names = "--minutes", paramLabel = "M", description = "Stop after M minutes of wall time (default: run until Ctrl-C).")
    Double minutes;

    Optional<String> token() {
        if (token != null) return Optional.of(token);
        String env = System.getenv(ENV_TOKEN);
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(env);
    }
}
