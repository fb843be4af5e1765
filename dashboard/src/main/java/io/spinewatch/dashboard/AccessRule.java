package io.spinewatch.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may use the dashboard. With a token, every request carries it: an
 * {@code Authorization: Bearer} header, or {@code ?token=} once, after which a cookie does. Without
 * one (loopback only, see {@link DashboardConfig}), any local client may, but the {@code Host}
 * header must name a loopback host so a web page cannot reach the dashboard by DNS rebinding.
 */
final class AccessRule {
    /** Name of the cookie that carries the token after a {@code ?token=} visit. */
    static final String COOKIE = "spinewatch_token";

    /** What to do with a request. */
    enum Decision {
        ALLOW,
        /** Allow, and set the cookie (the token came in the query). */
        ALLOW_AND_SET_COOKIE,
        DENY
    }

    private final Optional<byte[]> token;

    AccessRule(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    boolean requiresToken() {
        return token.isPresent();
    }

    /**
     * Decides on the credentials a request carries; each argument may be null.
     *
     * @param authorization the {@code Authorization} header
     * @param queryToken    the {@code token} query parameter
     * @param cookieToken   the {@link #COOKIE} cookie
     */
    Decision check(String authorization, String queryToken, String cookieToken) {
        if (token.isEmpty()) {
            return Decision.ALLOW;
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && matches(authorization.substring(7).trim())) {
            return Decision.ALLOW;
        }
        if (matches(cookieToken)) {
            return Decision.ALLOW;
        }
        if (matches(queryToken)) {
            return Decision.ALLOW_AND_SET_COOKIE;
        }
        return Decision.DENY;
    }

    /** The {@code Set-Cookie} value for a client that showed the token in the query. */
    String cookieHeader() {
        return COOKIE + "=" + new String(token.orElseThrow(), StandardCharsets.UTF_8)
                + "; Path=/; HttpOnly; SameSite=Strict";
    }

    /**
     * Whether a request's {@code Host} header is acceptable: always with a token; without one,
     * only loopback names ({@code localhost}, {@code 127.x.x.x}, {@code [::1]}), any port.
     */
    boolean hostAllowed(String hostHeader) {
        if (token.isPresent()) {
            return true;
        }
        if (hostHeader == null) {
            return false;
        }
        String host = hostHeader.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 && host.substring(1, end).equals("::1");
        }
        int colon = host.indexOf(':');
        String name = colon >= 0 ? host.substring(0, colon) : host;
        return name.equals("localhost") || (name.startsWith("127.") && DashboardConfig.isLoopback(name));
    }

    /**
     * Whether a state-changing request may come from the given {@code Origin}: none (not a
     * browser's cross-site request) or the dashboard's own.
     */
    static boolean sameOrigin(String origin, String hostHeader) {
        if (origin == null) {
            return true;
        }
        int scheme = origin.indexOf("://");
        return scheme > 0 && hostHeader != null && origin.substring(scheme + 3).equalsIgnoreCase(hostHeader);
    }

    private boolean matches(String candidate) {
        // Constant-time comparison, so response timing does not leak how much of a guess was right.
        return candidate != null && MessageDigest.isEqual(token.orElseThrow(), candidate.getBytes(StandardCharsets.UTF_8));
    }
}
