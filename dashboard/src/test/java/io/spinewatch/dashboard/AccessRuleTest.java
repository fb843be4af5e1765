package io.spinewatch.dashboard;

import static io.spinewatch.dashboard.AccessRule.Decision.ALLOW;
import static io.spinewatch.dashboard.AccessRule.Decision.ALLOW_AND_SET_COOKIE;
import static io.spinewatch.dashboard.AccessRule.Decision.DENY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AccessRuleTest {
    static final String TOKEN = "s3cret-token-0123456789";
    final AccessRule withToken = new AccessRule(Optional.of(TOKEN));
    final AccessRule open = new AccessRule(Optional.empty());

    @Nested
    class Token {
        @Test
        void withoutATokenEveryRequestPasses() {
            assertEquals(ALLOW, open.check(null, null, null));
            assertEquals(ALLOW, open.check("Bearer nonsense", "x", "y"));
        }

        @Test
        void bearerHeaderOrCookiePasses() {
            assertEquals(ALLOW, withToken.check("Bearer " + TOKEN, null, null));
            assertEquals(ALLOW, withToken.check("bearer " + TOKEN, null, null));
            assertEquals(ALLOW, withToken.check(null, null, TOKEN));
        }

        @Test
        void theQueryTokenPassesAndSetsTheCookie() {
            assertEquals(ALLOW_AND_SET_COOKIE, withToken.check(null, TOKEN, null));
            String cookie = withToken.cookieHeader();
            assertTrue(cookie.startsWith(AccessRule.COOKIE + "=" + TOKEN + ";"));
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
        }

        @Test
        void missingWrongOrPrefixTokensAreDenied() {
            assertEquals(DENY, withToken.check(null, null, null));
            assertEquals(DENY, withToken.check("Bearer " + TOKEN + "x", null, null));
            assertEquals(DENY, withToken.check("Bearer " + TOKEN.substring(1), null, null));
            assertEquals(DENY, withToken.check("Basic " + TOKEN, null, null));
            assertEquals(DENY, withToken.check(TOKEN, "", "wrong"));
        }
    }

    @Nested
    class Hosts {
        @Test
        void withoutATokenOnlyLoopbackHostNamesAreServed() {
            for (String ok : new String[] {"localhost", "localhost:8080", "127.0.0.1:1234", "127.1.2.3", "[::1]:8080"}) {
                assertTrue(open.hostAllowed(ok), ok);
            }
            for (String bad : new String[] {"evil.example", "evil.example:8080", "127.0.0.1.evil.example", "[::2]", "", null}) {
                assertFalse(open.hostAllowed(bad), String.valueOf(bad));
            }
        }

        @Test
        void withATokenAnyHostIsServed() {
            assertTrue(withToken.hostAllowed("dashboard.office.lan:8080"));
        }

        @Test
        void postsMustComeFromTheirOwnOrigin() {
            assertTrue(AccessRule.sameOrigin(null, "localhost:8080"));
            assertTrue(AccessRule.sameOrigin("http://localhost:8080", "localhost:8080"));
            assertFalse(AccessRule.sameOrigin("http://evil.example", "localhost:8080"));
            assertFalse(AccessRule.sameOrigin("null", "localhost:8080"));
        }
    }
}
