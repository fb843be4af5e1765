package io.spinewatch.feedback;

import io.spinewatch.posture.PosturePattern;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the drill catalogue's section format: {@code [source KEY]} and {@code [drill ID]}
 * headers, {@code key = value} lines, a repeated {@code step} key, {@code #} comments. Every
 * problem is reported with its line; the catalogue is configuration, so bad input throws.
 */
public final class DrillCatalogueParser {
    private static final Set<String> SOURCE_KEYS = Set.of("file", "title");
    private static final Set<String> DRILL_KEYS = Set.of("name", "area", "patterns", "setting", "position", "equipment",
            "counted_by", "hold_seconds", "repetitions", "sets", "per_side", "dosage", "source", "caution", "note", "step");
    private static final Set<String> OPTIONAL_DRILL_KEYS = Set.of("note");

    private DrillCatalogueParser() {
    }

    /** One section as read: kind, id, the line it starts on, its single keys and its steps. */
    private record Section(String kind, String id, int line, Map<String, String> values, Map<String, Integer> lines, List<String> steps) {
    }

    /**
     * Parses a whole catalogue.
     *
     * @param name used in error messages
     * @throws IllegalArgumentException listing every problem found, with line numbers
     */
    public static DrillCatalogue parse(String text, String name) {
        List<String> errors = new ArrayList<>();
        List<Section> sections = split(text, errors);
        Map<String, DrillSource> sources = new LinkedHashMap<>();
        for (Section s : sections) {
            if (!s.kind.equals("source")) continue;
            try {
                for (String k : SOURCE_KEYS) {
                    if (!s.values.containsKey(k)) throw new IllegalArgumentException("missing " + k);
                }
                if (sources.put(s.id, new DrillSource(s.id, s.values.get("file"), s.values.get("title"))) != null) {
                    throw new IllegalArgumentException("duplicate source");
                }
            } catch (IllegalArgumentException e) {
                errors.add("line " + s.line + " [source " + s.id + "]: " + e.getMessage());
            }
        }
        List<Drill> drills = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Section s : sections) {
            if (!s.kind.equals("drill")) continue;
            try {
                if (!ids.add(s.id)) throw new IllegalArgumentException("duplicate drill id");
                drills.add(drill(s, sources));
            } catch (IllegalArgumentException e) {
                errors.add("line " + s.line + " [drill " + s.id + "]: " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(name + ": " + String.join("; ", errors));
        }
        return new DrillCatalogue(List.copyOf(sources.values()), drills);
    }

    private static List<Section> split(String text, List<String> errors) {
        List<Section> sections = new ArrayList<>();
        Section current = null;
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    errors.add("line " + lineNo + ": unclosed section header");
                    current = null;
                    continue;
                }
                String[] parts = line.substring(1, line.length() - 1).strip().split("\\s+");
                if (parts.length != 2 || !(parts[0].equals("source") || parts[0].equals("drill"))) {
                    errors.add("line " + lineNo + ": header must be [source KEY] or [drill ID]");
                    current = null;
                    continue;
                }
                current = new Section(parts[0], parts[1], lineNo, new HashMap<>(), new HashMap<>(), new ArrayList<>());
                sections.add(current);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                errors.add("line " + lineNo + ": expected key = value");
                continue;
            }
            if (current == null) {
                errors.add("line " + lineNo + ": key outside a section");
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            Set<String> allowed = current.kind.equals("source") ? SOURCE_KEYS : DRILL_KEYS;
            if (!allowed.contains(key)) {
                errors.add("line " + lineNo + ": unknown key " + key + " in [" + current.kind + " " + current.id + "]");
            } else if (value.isEmpty()) {
                errors.add("line " + lineNo + ": empty value for " + key);
            } else if (key.equals("step")) {
                current.steps.add(value);
            } else if (current.values.putIfAbsent(key, value) != null) {
                errors.add("line " + lineNo + ": duplicate key " + key);
            } else {
                current.lines.put(key, lineNo);
            }
        }
        return sections;
    }

    private static Drill drill(Section s, Map<String, DrillSource> sources) {
        for (String k : DRILL_KEYS) {
            if (!k.equals("step") && !OPTIONAL_DRILL_KEYS.contains(k) && !s.values.containsKey(k)) {
                throw new IllegalArgumentException("missing " + k);
            }
        }
        Map<String, String> v = s.values;
        DrillSource source = sources.get(v.get("source"));
        if (source == null) throw new IllegalArgumentException("unknown source " + v.get("source"));
        String dosage = v.get("dosage");
        boolean fromArticle;
        Optional<String> dosageNote;
        if (dosage.equals("article")) {
            fromArticle = true;
            dosageNote = Optional.empty();
        } else if (dosage.startsWith("default:")) {
            fromArticle = false;
            dosageNote = Optional.of(dosage.substring("default:".length()).strip());
        } else {
            throw new IllegalArgumentException("dosage must be 'article' or 'default: why'");
        }
        return new Drill(
                s.id,
                v.get("name"),
                TargetArea.ofLabel(v.get("area")),
                patterns(v.get("patterns")),
                DrillSetting.ofLabel(v.get("setting")),
                v.get("position"),
                noneToEmpty(v.get("equipment")),
                noneToEmpty(v.get("counted_by")).map(RepSignal::ofLabel),
                number("hold_seconds", v.get("hold_seconds")),
                (int) whole("repetitions", v.get("repetitions")),
                (int) whole("sets", v.get("sets")),
                yesNo(v.get("per_side")),
                fromArticle,
                dosageNote,
                source,
                noneToEmpty(v.get("caution")),
                Optional.ofNullable(v.get("note")),
                s.steps);
    }

    private static Set<PosturePattern> patterns(String value) {
        if (value.equals("none")) return Set.of();
        EnumSet<PosturePattern> set = EnumSet.noneOf(PosturePattern.class);
        for (String p : value.split(",")) {
            if (!set.add(PosturePattern.ofLabel(p.strip()))) throw new IllegalArgumentException("pattern listed twice: " + p.strip());
        }
        return set;
    }

    private static Optional<String> noneToEmpty(String value) {
        return value.equals("none") ? Optional.empty() : Optional.of(value);
    }

    private static double number(String key, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: " + value);
        }
    }

    private static long whole(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a whole number: " + value);
        }
    }

    private static boolean yesNo(String value) {
        return switch (value) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException("per_side must be yes or no: " + value);
        };
    }
}
