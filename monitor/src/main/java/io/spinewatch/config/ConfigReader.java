package io.spinewatch.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Typed, checked access to {@link ConfigEntries}. Every key asked for becomes a known key, so
 * {@link #rejectUnknown(String)} turns any entry nobody asked for into an error that names the nearest known key:
 * the list of keys is the code that reads them, and adding a key is one call here.
 */
final class ConfigReader {
    private final ConfigEntries entries;
    private final Set<String> known = new LinkedHashSet<>();
    /** Forms such as {@code serial.<name>.port}, only to suggest. */
    private final Set<String> templates = new LinkedHashSet<>();

    ConfigReader(ConfigEntries entries) {
        this.entries = entries;
    }

    /** The keys asked for so far, in order. */
    Set<String> knownKeys() {
        return Set.copyOf(known);
    }

    Optional<ConfigEntry> entry(String key) {
        known.add(key);
        Optional<ConfigEntry> e = entries.get(key);
        if (e.isPresent() && e.get().value().isEmpty()) {
            throw new ConfigException(e.get().origin() + ": " + key + " has no value");
        }
        return e;
    }

    /** An error about {@code e}'s value: {@code origin: key = value: problem}. */
    static ConfigException error(ConfigEntry e, String problem) {
        return new ConfigException(e.origin() + ": " + e.key() + " = " + e.value() + ": " + problem);
    }

    /** An error about a key, set or not. */
    ConfigException error(String key, String problem) {
        return entries.get(key).map(e -> error(e, problem))
                .orElseGet(() -> new ConfigException(key + " (default) " + problem));
    }

    boolean isSet(String key) {
        return entries.get(key).isPresent();
    }

    Optional<String> text(String key) {
        return entry(key).map(ConfigEntry::value);
    }

    String text(String key, String fallback) {
        return text(key).orElse(fallback);
    }

    /** A value read by {@code parse}, whose {@link IllegalArgumentException} message says what is allowed. */
    <T> Optional<T> parsed(String key, Function<String, T> parse) {
        Optional<ConfigEntry> e = entry(key);
        if (e.isEmpty()) return Optional.empty();
        try {
            return Optional.of(parse.apply(e.get().value()));
        } catch (IllegalArgumentException ex) {
            throw error(e.get(), ex.getMessage());
        }
    }

    double number(String key, double fallback) {
        return parsed(key, v -> {
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("not a number");
            }
            if (!Double.isFinite(d)) throw new IllegalArgumentException("not a finite number");
            return d;
        }).orElse(fallback);
    }

    Optional<Integer> integer(String key) {
        return parsed(key, v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("not a whole number");
            }
        });
    }

    int integer(String key, int fallback) {
        return integer(key).orElse(fallback);
    }

    /** A whole number in {@code min..max}. */
    int integer(String key, int fallback, int min, int max) {
        int v = integer(key, fallback);
        if (v < min || v > max) throw error(key, "must be in " + min + ".." + max);
        return v;
    }

    /** {@code true} or {@code false}, nothing else. */
    boolean bool(String key, boolean fallback) {
        return parsed(key, v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        }).orElse(fallback);
    }

    /** One of {@code labels}' keys (case-insensitive). */
    <E> E choice(String key, E fallback, Map<String, E> labels) {
        return parsed(key, v -> choose(v, labels)).orElse(fallback);
    }

    /** The value {@code labels} gives {@code v} (case-insensitive); an error listing the labels otherwise. */
    static <E> E choose(String v, Map<String, E> labels) {
        for (Map.Entry<String, E> l : labels.entrySet()) {
            if (l.getKey().equalsIgnoreCase(v)) return l.getValue();
        }
        throw new IllegalArgumentException("must be one of " + String.join(", ", labels.keySet()));
    }

    /** Where the first entry under {@code prefix} was given; null when there is none. */
    Origin firstUnder(String prefix) {
        for (ConfigEntry e : entries.all()) {
            if (e.key().startsWith(prefix)) return e.origin();
        }
        return null;
    }

    Optional<Path> path(String key) {
        return parsed(key, v -> {
            try {
                return Path.of(v.startsWith("~/") ? System.getProperty("user.home") + v.substring(1) : v);
            } catch (InvalidPathException ex) {
                throw new IllegalArgumentException("not a path: " + ex.getReason());
            }
        });
    }

    /**
     * The names {@code <name>} of every key {@code <prefix><name>.<rest>}, in order of first appearance; {@code name}
     * may itself contain dots (a wearer id), {@code rest} may not. The keys {@code <prefix><name>.<suffix>} become
     * known for every name found; {@code <prefix><placeholder>.<suffix>} is offered as a suggestion.
     */
    List<String> names(String prefix, String placeholder, String... suffixes) {
        Set<String> names = new LinkedHashSet<>();
        for (ConfigEntry e : entries.all()) {
            String k = e.key();
            int dot = k.lastIndexOf('.');
            if (k.startsWith(prefix) && dot > prefix.length()) names.add(k.substring(prefix.length(), dot));
        }
        for (String s : suffixes) templates.add(prefix + "<" + placeholder + ">." + s);
        for (String n : names) {
            for (String s : suffixes) known.add(prefix + n + "." + s);
        }
        return new ArrayList<>(names);
    }

    /**
     * Builds a parameter record whose constructor checks its own ranges; its {@link IllegalArgumentException}, which
     * begins with a field name, becomes an error about the key {@code keyOfField} maps that field to.
     */
    <T> T build(Supplier<T> make, Map<String, String> keyOfField) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            for (Map.Entry<String, String> f : keyOfField.entrySet()) {
                if (m.startsWith(f.getKey() + " ")) {
                    // "holdSeconds must be in 0.0..600.0: -5.0": the key's error says the value already
                    String problem = m.substring(f.getKey().length() + 1);
                    int tail = problem.lastIndexOf(": ");
                    String key = f.getValue();
                    if (entries.get(key).isPresent()) throw error(key, tail < 0 ? problem : problem.substring(0, tail));
                    throw new ConfigException(key + " is not set and its default" + (tail < 0 ? "" : ", " + problem.substring(tail + 2)
                            + ",") + " does not fit: it " + (tail < 0 ? problem : problem.substring(0, tail)) + "; set it too");
                }
            }
            throw new ConfigException("invalid settings: " + m);
        }
    }

    /**
     * Every entry under {@code prefix} ("" for all) that nobody has asked for is an error naming the nearest known
     * key. A section calls it after reading its keys and before checking how they fit together, so a misspelt key
     * is reported as such rather than as the missing key it was meant to be.
     */
    void rejectUnknown(String prefix) {
        for (ConfigEntry e : entries.all()) {
            if (e.key().startsWith(prefix) && !known.contains(e.key())) {
                Set<String> candidates = new LinkedHashSet<>(known);
                candidates.addAll(templates);
                throw new ConfigException(e.origin() + ": " + unknownKeyMessage(e.key(), candidates));
            }
        }
    }

    static String unknownKeyMessage(String key, Set<String> known) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.endsWith("password") || lower.endsWith("username") || lower.endsWith("token") || lower.endsWith("secret")) {
            return "unknown key '" + key + "': credentials never go in the config file; they are read from environment "
                    + "variables (MQTT: $SPINEWATCH_MQTT_USERNAME and $SPINEWATCH_MQTT_PASSWORD; dashboard: the variable "
                    + "named by dashboard.token-env)";
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return "unknown key '" + key + "'" + (best == null ? "" : "; did you mean '" + best + "'?");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
