package io.spinewatch.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a trace says about itself before its rows: the {@code # key=value} lines (in file order, later
 * duplicates win), the calibration window when {@code # calibrate=A-B} parses, and whether the rows carry
 * magnetometer columns. Lines starting with {@code #} that are not {@code key=value} are kept in
 * {@link #comments()}.
 */
public record TraceMetadata(Map<String, String> values, Optional<TimeRange> calibrate, boolean magnetometer,
                            List<String> comments) {
    public TraceMetadata {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        comments = List.copyOf(comments);
    }

    /** The value of {@code key}, if present. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }
}
