package io.spinewatch.transport.mqtt;

import io.spinewatch.ingest.Backoff;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the broker. {@link #toString()} never shows the password.
 *
 * @param serverUri {@code tcp://host:1883} or, with TLS, {@code ssl://host:8883}.
 * @param clientId the MQTT client id; it names the broker-side session, so it must be stable across
 *     restarts for the session to resume. Default {@code spinewatch-monitor-<monitorId>}.
 * @param monitorId this monitor's id in {@code <root>/monitor/<id>/status}. Default {@code main}.
 * @param topicRoot the first topic level. Default {@value MqttTopics#DEFAULT_ROOT}.
 * @param username empty for an anonymous connection.
 * @param password empty for none.
 * @param caFile PEM file of the certificate authorities to trust for {@code ssl://}; empty means the
 *     JVM's default trust store.
 * @param sessionExpirySeconds how long the broker keeps the session (subscriptions, queued QoS 1
 *     status frames) after the monitor disconnects, 0..2^32-1. Default {@value #DEFAULT_SESSION_EXPIRY_SECONDS}:
 *     an hour bridges a restart or an upgrade of the monitor; longer only piles up stale messages.
 * @param keepAliveSeconds ping interval, 1..65535. Default {@value #DEFAULT_KEEP_ALIVE_SECONDS}: a dead
 *     link is noticed within 1.5 times this, without pinging a small broker much.
 * @param connectTimeoutSeconds 1..300. Default {@value #DEFAULT_CONNECT_TIMEOUT_SECONDS}.
 * @param backoff delays between reconnection attempts. Default {@link Backoff#DEFAULT}.
 * @param backoffSeed seed of the jitter. Default 1.
 * @param json the JSON payload form. Default {@link JsonImuFormat#DEFAULT}.
 */
public record MqttConfig(String serverUri, String clientId, String monitorId, String topicRoot,
                         Optional<String> username, Optional<String> password, Optional<Path> caFile,
                         long sessionExpirySeconds, int keepAliveSeconds, int connectTimeoutSeconds,
                         Backoff backoff, long backoffSeed, JsonImuFormat json) {
    public static final String ENV_USERNAME = "SPINEWATCH_MQTT_USERNAME";
    public static final String ENV_PASSWORD = "SPINEWATCH_MQTT_PASSWORD";
    public static final String ENV_CLIENT_ID = "SPINEWATCH_MQTT_CLIENT_ID";
    public static final long DEFAULT_SESSION_EXPIRY_SECONDS = 3600;
    public static final int DEFAULT_KEEP_ALIVE_SECONDS = 30;
    public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    public static final String DEFAULT_MONITOR_ID = "main";

    public MqttConfig {
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(json, "json");
        String scheme = URI.create(serverUri).getScheme();
        if (!"tcp".equals(scheme) && !"ssl".equals(scheme)) {
            throw new IllegalArgumentException("serverUri must be tcp://host:port or ssl://host:port: " + serverUri);
        }
        if (clientId.isEmpty() || clientId.length() > 128) {
            throw new IllegalArgumentException("clientId must be 1..128 characters");
        }
        if (!MqttTopics.validId(monitorId)) {
            throw new IllegalArgumentException("not a valid monitor id: '" + monitorId + "'");
        }
        new MqttTopics(topicRoot);
        if (password.isPresent() && username.isEmpty()) {
            throw new IllegalArgumentException("a password needs a username");
        }
        if (caFile.isPresent() && !"ssl".equals(scheme)) {
            throw new IllegalArgumentException("a CA file needs an ssl:// server URI");
        }
        if (sessionExpirySeconds < 0 || sessionExpirySeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("sessionExpirySeconds must be in 0..4294967295: " + sessionExpirySeconds);
        }
        if (keepAliveSeconds < 1 || keepAliveSeconds > 65535) {
            throw new IllegalArgumentException("keepAliveSeconds must be in 1..65535: " + keepAliveSeconds);
        }
        if (connectTimeoutSeconds < 1 || connectTimeoutSeconds > 300) {
            throw new IllegalArgumentException("connectTimeoutSeconds must be in 1..300: " + connectTimeoutSeconds);
        }
    }

    /** The defaults for a broker, anonymous, without TLS. */
    public static MqttConfig of(String serverUri) {
        return new MqttConfig(serverUri, "spinewatch-monitor-" + DEFAULT_MONITOR_ID, DEFAULT_MONITOR_ID,
                MqttTopics.DEFAULT_ROOT, Optional.empty(), Optional.empty(), Optional.empty(),
                DEFAULT_SESSION_EXPIRY_SECONDS, DEFAULT_KEEP_ALIVE_SECONDS, DEFAULT_CONNECT_TIMEOUT_SECONDS,
                Backoff.DEFAULT, 1, JsonImuFormat.DEFAULT);
    }

    /**
     * Fills the client id and credentials from {@code env} ({@value #ENV_CLIENT_ID},
     * {@value #ENV_USERNAME}, {@value #ENV_PASSWORD}) where this config has none; pass
     * {@code System.getenv()}.
     */
    public MqttConfig withEnvironment(Map<String, String> env) {
        MqttConfig c = this;
        String id = env.get(ENV_CLIENT_ID);
        if (id != null && !id.isEmpty() && clientId.equals("spinewatch-monitor-" + monitorId)) {
            c = c.withClientId(id);
        }
        String user = env.get(ENV_USERNAME);
        if (c.username.isEmpty() && user != null && !user.isEmpty()) {
            String pass = env.get(ENV_PASSWORD);
            c = c.withCredentials(user, pass == null || pass.isEmpty() ? Optional.empty() : Optional.of(pass));
        }
        return c;
    }

    public MqttConfig withClientId(String id) {
        return new MqttConfig(serverUri, id, monitorId, topicRoot, username, password, caFile, sessionExpirySeconds,
                keepAliveSeconds, connectTimeoutSeconds, backoff, backoffSeed, json);
    }

    /** Another monitor id; the client id follows it unless it was set explicitly. */
    public MqttConfig withMonitorId(String id) {
        String client = clientId.equals("spinewatch-monitor-" + monitorId) ? "spinewatch-monitor-" + id : clientId;
        return new MqttConfig(serverUri, client, id, topicRoot, username, password, caFile, sessionExpirySeconds,
                keepAliveSeconds, connectTimeoutSeconds, backoff, backoffSeed, json);
    }

    public MqttConfig withTopicRoot(String root) {
        return new MqttConfig(serverUri, clientId, monitorId, root, username, password, caFile, sessionExpirySeconds,
                keepAliveSeconds, connectTimeoutSeconds, backoff, backoffSeed, json);
    }

    public MqttConfig withCredentials(String user, Optional<String> pass) {
        return new MqttConfig(serverUri, clientId, monitorId, topicRoot, Optional.of(user), pass, caFile,
                sessionExpirySeconds, keepAliveSeconds, connectTimeoutSeconds, backoff, backoffSeed, json);
    }

    public MqttConfig withCaFile(Path ca) {
        return new MqttConfig(serverUri, clientId, monitorId, topicRoot, username, password, Optional.of(ca),
                sessionExpirySeconds, keepAliveSeconds, connectTimeoutSeconds, backoff, backoffSeed, json);
    }

    public MqttConfig withBackoff(Backoff b) {
        return new MqttConfig(serverUri, clientId, monitorId, topicRoot, username, password, caFile,
                sessionExpirySeconds, keepAliveSeconds, connectTimeoutSeconds, b, backoffSeed, json);
    }

    public MqttConfig withJson(JsonImuFormat format) {
        return new MqttConfig(serverUri, clientId, monitorId, topicRoot, username, password, caFile,
                sessionExpirySeconds, keepAliveSeconds, connectTimeoutSeconds, backoff, backoffSeed, format);
    }

    public MqttConfig withKeepAliveSeconds(int seconds) {
        return new MqttConfig(serverUri, clientId, monitorId, topicRoot, username, password, caFile,
                sessionExpirySeconds, seconds, connectTimeoutSeconds, backoff, backoffSeed, json);
    }

    @Override
    public String toString() {
        return "MqttConfig[serverUri=" + serverUri + ", clientId=" + clientId + ", monitorId=" + monitorId
                + ", topicRoot=" + topicRoot + ", username=" + username.orElse("(none)")
                + ", password=" + (password.isPresent() ? "(set)" : "(none)") + ", caFile=" + caFile.map(Path::toString).orElse("(none)")
                + ", sessionExpirySeconds=" + sessionExpirySeconds + ", keepAliveSeconds=" + keepAliveSeconds
                + ", connectTimeoutSeconds=" + connectTimeoutSeconds + ", backoff=" + backoff + "]";
    }
}
