package io.spinewatch.config;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the live dashboard listens. The access token itself is never configured in a file: only the name of the
 * environment variable that holds it.
 *
 * @param enabled whether the dashboard runs. Default true.
 * @param bind the address it listens on. Default {@value #DEFAULT_BIND}: only this machine; any other address needs a token.
 * @param port TCP port, 0 for any free one. Default {@value #DEFAULT_PORT}.
 * @param tokenEnv the environment variable read for the access token. Default {@value #DEFAULT_TOKEN_ENV}.
 */
public record DashboardConfig(boolean enabled, String bind, int port, String tokenEnv) {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_TOKEN_ENV = "SPINEWATCH_DASHBOARD_TOKEN";
    public static final DashboardConfig DEFAULT = new DashboardConfig(true, DEFAULT_BIND, DEFAULT_PORT, DEFAULT_TOKEN_ENV);

    public DashboardConfig {
        if (bind == null || bind.isBlank()) throw new IllegalArgumentException("bind must not be blank");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be in 0..65535: " + port);
        if (tokenEnv == null || !ENV_NAME.matcher(tokenEnv).matches()) {
            throw new IllegalArgumentException("tokenEnv must be an environment variable name (letters, digits, _): " + tokenEnv);
        }
    }

    /** The token from {@code env} (pass {@code System.getenv()}); empty when the variable is unset or blank. */
    public Optional<String> token(Map<String, String> env) {
        String t = env.get(tokenEnv);
        return t == null || t.isBlank() ? Optional.empty() : Optional.of(t);
    }
}
