package io.spinewatch.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Keys and their values as written, before any is interpreted, in the order they were first given; one layer of the
 * configuration (a file, the command line) or layers merged by {@link #overlay}. Immutable.
 */
public final class ConfigEntries {
    public static final ConfigEntries EMPTY = new ConfigEntries(new LinkedHashMap<>());

    private final Map<String, ConfigEntry> byKey;

    private ConfigEntries(LinkedHashMap<String, ConfigEntry> byKey) {
        this.byKey = byKey;
    }

    /** The entries in order; a key given twice is an error naming both places. */
    public static ConfigEntries of(Collection<ConfigEntry> entries) {
        LinkedHashMap<String, ConfigEntry> m = new LinkedHashMap<>();
        for (ConfigEntry e : entries) {
            ConfigEntry before = m.putIfAbsent(e.key(), e);
            if (before != null) {
                throw new ConfigException(e.origin() + ": " + e.key() + " is already given at " + before.origin()
                        + "; give each key once");
            }
        }
        return new ConfigEntries(m);
    }

    /** These entries with those of {@code top} over them: a key in both takes {@code top}'s value and origin. */
    public ConfigEntries overlay(ConfigEntries top) {
        LinkedHashMap<String, ConfigEntry> m = new LinkedHashMap<>(byKey);
        m.putAll(top.byKey);
        return new ConfigEntries(m);
    }

    /** These entries without the keys {@code drop} accepts. */
    public ConfigEntries without(Predicate<String> drop) {
        LinkedHashMap<String, ConfigEntry> m = new LinkedHashMap<>(byKey);
        m.keySet().removeIf(drop);
        return new ConfigEntries(m);
    }

    public Optional<ConfigEntry> get(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** Every entry, in order. */
    public Collection<ConfigEntry> all() {
        return byKey.values();
    }

    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    public int size() {
        return byKey.size();
    }
}
