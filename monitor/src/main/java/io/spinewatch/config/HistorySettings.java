package io.spinewatch.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the live commands keep the wearers' history ({@code history.enabled}, {@code history.db}; the options
 * {@code --no-history} and {@code --db}).
 *
 * @param enabled whether anything is kept; false: nothing written, today's totals start from zero
 * @param db      {@code h2:PATH} or {@code jdbc:postgresql://...}; empty: the command's default file in the data dir
 */
public record HistorySettings(boolean enabled, Optional<String> db) {
    /** Kept, in the command's default place. */
    public static final HistorySettings DEFAULT = new HistorySettings(true, Optional.empty());

    public HistorySettings {
        Objects.requireNonNull(db, "db");
    }
}
