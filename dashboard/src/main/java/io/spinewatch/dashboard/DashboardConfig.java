package io.spinewatch.dashboard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * How the dashboard serves: where it listens, who may look, and how fast the live feed runs.
 *
 * @param bindAddress        address to listen on, an IP literal or {@code localhost}. Default
 *                           {@value #DEFAULT_BIND_ADDRESS}: posture data is personal, so the page
 *                           is private to this machine unless asked otherwise.
 * @param port               TCP port, 0 for any free one. Default {@value #DEFAULT_PORT}.
 * @param accessToken        bearer token every request must carry; required when
 *                           {@code bindAddress} is not loopback. 16..256 characters from
 *                           {@code A-Z a-z 0-9 - . _ ~} (safe in a header, a query and a cookie).
 * @param wearerFeedRateHz   most snapshots per second sent to a wearer page. Default
 *                           {@value #DEFAULT_WEARER_FEED_RATE_HZ}: smooth spine animation and
 *                           strip charts, still a few kB/s. Range 1..60.
 * @param overviewFeedRateHz most tile updates per second sent to an overview page. Default
 *                           {@value #DEFAULT_OVERVIEW_FEED_RATE_HZ}: a state change shows within
 *                           0.1 s; only changed tiles travel. Range 1..60.
 * @param sendTimeoutSeconds a client whose send blocks this long has stopped reading and is
 *                           dropped. Default {@value #DEFAULT_SEND_TIMEOUT_SECONDS}: far beyond a
 *                           healthy send (milliseconds), short enough to free the thread soon.
 *                           Range 0.1..120.
 * @param maxClients         live-feed clients at once; more get 503. Default
 *                           {@value #DEFAULT_MAX_CLIENTS}: each holds a thread. Range 1..1000.
 * @param eventCapacity      alerts and drill events a client may have pending (latest-value
 *                           slots hold the snapshots). Default {@value #DEFAULT_EVENT_CAPACITY}.
 *                           Range 1..4096.
 */
public record DashboardConfig(
        String bindAddress,
        int port,
        Optional<String> accessToken,
        double wearerFeedRateHz,
        double overviewFeedRateHz,
        double sendTimeoutSeconds,
        int maxClients,
        int eventCapacity) {

    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final double DEFAULT_WEARER_FEED_RATE_HZ = 20;
    public static final double DEFAULT_OVERVIEW_FEED_RATE_HZ = 10;
    public static final double DEFAULT_SEND_TIMEOUT_SECONDS = 5;
    public static final int DEFAULT_MAX_CLIENTS = 64;
    public static final int DEFAULT_EVENT_CAPACITY = 64;

    public DashboardConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("bindAddress must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535: " + port);
        }
        accessToken.ifPresent(DashboardConfig::requireTokenShape);
        if (accessToken.isEmpty() && !isLoopback(bindAddress)) {
            throw new IllegalArgumentException("an access token is required when the dashboard listens on "
                    + bindAddress + " (not loopback)");
        }
        requireRange(wearerFeedRateHz, 1, 60, "wearerFeedRateHz");
        requireRange(overviewFeedRateHz, 1, 60, "overviewFeedRateHz");
        requireRange(sendTimeoutSeconds, 0.1, 120, "sendTimeoutSeconds");
        requireRange(maxClients, 1, 1000, "maxClients");
        requireRange(eventCapacity, 1, 4096, "eventCapacity");
    }

    /** Every default: loopback, port 8080, no token. */
    public static DashboardConfig defaults() {
        return new DashboardConfig(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, Optional.empty(),
                DEFAULT_WEARER_FEED_RATE_HZ, DEFAULT_OVERVIEW_FEED_RATE_HZ, DEFAULT_SEND_TIMEOUT_SECONDS,
                DEFAULT_MAX_CLIENTS, DEFAULT_EVENT_CAPACITY);
    }

    public DashboardConfig withListen(String address, int p, Optional<String> token) {
        return new DashboardConfig(address, p, token, wearerFeedRateHz, overviewFeedRateHz, sendTimeoutSeconds,
                maxClients, eventCapacity);
    }

    public DashboardConfig withFeed(double wearerHz, double overviewHz, double timeoutSeconds, int clients) {
        return new DashboardConfig(bindAddress, port, accessToken, wearerHz, overviewHz, timeoutSeconds, clients,
                eventCapacity);
    }

    /** True when the bind address is {@code localhost} or a loopback IP literal (no DNS lookup). */
    public static boolean isLoopback(String address) {
        if (address.equals("localhost")) {
            return true;
        }
        boolean literal = address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
        if (!literal) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void requireTokenShape(String token) {
        if (token.length() < 16 || token.length() > 256) {
            throw new IllegalArgumentException("access token must have 16..256 characters");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (!ok) {
                throw new IllegalArgumentException("access token may hold only A-Z a-z 0-9 - . _ ~");
            }
        }
    }

    private static void requireRange(double v, double lo, double hi, String what) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(what + " must be in " + lo + ".." + hi + ": " + v);
        }
    }
}
