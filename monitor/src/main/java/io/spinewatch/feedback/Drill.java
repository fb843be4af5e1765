package io.spinewatch.feedback;

import io.spinewatch.posture.PosturePattern;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One corrective drill: what to do (steps in our own words), how much (hold, repetitions, sets),
 * where it fits (desk, standing, floor), which slouch pattern it answers, and whether the
 * sensors can count it.
 *
 * @param id                snake_case identifier, the report's {@code drill} name
 * @param name              short display name
 * @param area              body region worked
 * @param patterns          slouch patterns it answers; empty for general mobility drills, which
 *                          are only offered for movement breaks (standing) or browsing
 * @param setting           seated at the desk, standing, or floor
 * @param position          the starting position in a few words
 * @param equipment         what is needed, if anything
 * @param countedBy         the angle signal that shows its repetitions; empty when no sensor can
 *                          see it and the wearer confirms instead
 * @param holdSeconds       time to hold the end position; 0 for a drill moved through without a hold
 * @param repetitions       repetitions per set (per side when {@code perSide})
 * @param sets              number of sets
 * @param perSide           whether the repetitions are done on each side
 * @param dosageFromArticle whether hold and repetitions come from the source article
 * @param dosageNote        when not from the article, why the default was chosen
 * @param source            the article
 * @param caution           what the article warns about, if anything
 * @param note              our remark on how the coach uses it, if any
 * @param steps             numbered instructions, first to last
 */
public record Drill(
        String id,
        String name,
        TargetArea area,
        Set<PosturePattern> patterns,
        DrillSetting setting,
        String position,
        Optional<String> equipment,
        Optional<RepSignal> countedBy,
        double holdSeconds,
        int repetitions,
        int sets,
        boolean perSide,
        boolean dosageFromArticle,
        Optional<String> dosageNote,
        DrillSource source,
        Optional<String> caution,
        Optional<String> note,
        List<String> steps) {

    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    public Drill {
        if (id == null || !SNAKE_CASE.matcher(id).matches()) throw new IllegalArgumentException("id must be snake_case: " + id);
        if (name == null || name.isBlank()) throw new IllegalArgumentException(id + ": name is required");
        if (area == null || patterns == null || setting == null || equipment == null || countedBy == null
                || dosageNote == null || source == null || caution == null || note == null || steps == null) {
            throw new IllegalArgumentException(id + ": every field is required (use Optional.empty() or an empty set)");
        }
        if (position == null || position.isBlank()) throw new IllegalArgumentException(id + ": position is required");
        if (!(holdSeconds >= 0 && holdSeconds <= 300)) throw new IllegalArgumentException(id + ": holdSeconds must be in 0..300: " + holdSeconds);
        if (repetitions < 1 || repetitions > 100) throw new IllegalArgumentException(id + ": repetitions must be in 1..100: " + repetitions);
        if (sets < 1 || sets > 10) throw new IllegalArgumentException(id + ": sets must be in 1..10: " + sets);
        if (!dosageFromArticle && dosageNote.map(String::isBlank).orElse(true)) {
            throw new IllegalArgumentException(id + ": a default dosage needs a note saying why");
        }
        if (steps.size() < 2) throw new IllegalArgumentException(id + ": at least two steps are required");
        for (String step : steps) {
            if (step == null || step.isBlank()) throw new IllegalArgumentException(id + ": blank step");
        }
        patterns = Set.copyOf(patterns);
        steps = List.copyOf(steps);
    }

    /** Whether it can be done sitting at the desk. */
    public boolean deskFriendly() {
        return setting.deskFriendly();
    }

    /** Whether the given pattern is one this drill answers. */
    public boolean answers(PosturePattern pattern) {
        return patterns.contains(pattern);
    }
}
