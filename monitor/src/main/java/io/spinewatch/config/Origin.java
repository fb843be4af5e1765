package io.spinewatch.config;

import java.nio.file.Path;

/** Where a configuration value came from, as it is named in error messages ({@code office.properties line 12}, {@code --port}). */
public record Origin(String description) {
    /** The value of a key that nobody set. */
    public static final Origin DEFAULT = new Origin("default");

    public Origin {
        if (description == null || description.isBlank()) throw new IllegalArgumentException("description must not be blank");
    }

    /** Line {@code line} (from 1) of {@code file}. */
    public static Origin line(Path file, int line) {
        return new Origin(file + " line " + line);
    }

    /** A command-line option, such as {@code --port}. */
    public static Origin option(String name) {
        return new Origin(name);
    }

    @Override
    public String toString() {
        return description;
    }
}
