package io.spinewatch.config;

import java.util.Objects;

/** One key with its value as written, and where it was written. */
public record ConfigEntry(String key, String value, Origin origin) {
    public ConfigEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }
}
