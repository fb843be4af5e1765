package io.spinewatch.config;

/**
 * A configuration that cannot be used; the message is for people: it names where the value came from (file and
 * line, or the command-line option), the key, and what is allowed. The commands print it and exit 2.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        // No stack trace: it is never shown, and a config error is not a bug.
        super(message, null, false, false);
    }
}
