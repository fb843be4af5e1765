package io.spinewatch.feedback;

import io.spinewatch.posture.PostureState;
import io.spinewatch.posture.PosturePattern;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the drill to suggest with an alert: one that answers the detected slouch pattern, works on the body
 * region that carries it, fits where the wearer is (seated drills while seated, standing drills on the feet,
 * floor drills only when nothing else answers) and, where possible, that the sensors can count. Movement breaks
 * get a standing drill. Deterministic: a fresh coach given the same calls suggests the same drills.
 *
 * <p>Among the drills answering the pattern, the first setting tier (by preference) with any is taken; within it,
 * drills whose {@link TargetArea} is one the pattern works on ({@link #targetAreas}) come before the others, and
 * countable drills before those the wearer has to confirm. Only the drills ranked best on both are suggested, and
 * they take turns (catalogue order) so that the same drill does not come every time when several fit equally
 * well; the drill suggested just before is skipped when there is another. A weaker drill is never rotated in just
 * for variety: a rounded-back slouch reported as {@code posterior_pelvic_tilt} gets the counted seated pelvic
 * tilt every time, not the seated knee lift (a hip drill the sensors cannot see) every other time.
 */
public final class DrillCoach {
    private static final int PATTERNS = PosturePattern.values().length;
    /** Rotation slots: one per pattern and place (seated, on feet), then "pattern unknown" the same, then movement break. */
    private static final int UNKNOWN = PATTERNS;
    private static final int MOVEMENT = 2 * (PATTERNS + 1);

    private final List<List<Drill>> candidates = new ArrayList<>();
    private final int[] cursor;
    private Drill last;

    /**
     * @throws IllegalArgumentException if some pattern has no drill, or no standing drill exists
     *                                  for movement breaks
     */
    public DrillCoach(DrillCatalogue catalogue) {
        for (int onFeet = 0; onFeet < 2; onFeet++) {
            List<DrillSetting> order = onFeet == 1
                    ? List.of(DrillSetting.STANDING, DrillSetting.SEATED, DrillSetting.FLOOR)
                    : List.of(DrillSetting.SEATED, DrillSetting.STANDING, DrillSetting.FLOOR);
            for (int p = 0; p <= PATTERNS; p++) {
                PosturePattern pattern = p < PATTERNS ? PosturePattern.values()[p] : null;
                List<Drill> answering = catalogue.drills().stream()
                        .filter(d -> pattern == null ? !d.patterns().isEmpty() : d.answers(pattern))
                        .toList();
                List<Drill> tier = best(firstTier(answering, order), pattern);
                if (tier.isEmpty()) {
                    throw new IllegalArgumentException("no drill answers " + (pattern == null ? "any pattern" : pattern.label()));
                }
                candidates.add(tier);
            }
        }
        List<Drill> standing = sorted(catalogue.drills().stream().filter(d -> d.setting() == DrillSetting.STANDING).toList());
        if (standing.isEmpty()) throw new IllegalArgumentException("no standing drill for movement breaks");
        candidates.add(standing);
        cursor = new int[candidates.size()];
    }

    private static List<Drill> firstTier(List<Drill> drills, List<DrillSetting> order) {
        for (DrillSetting s : order) {
            List<Drill> tier = drills.stream().filter(d -> d.setting() == s).toList();
            if (!tier.isEmpty()) return sorted(tier);
        }
        return List.of();
    }

    /**
     * The body regions a slouch pattern is corrected at, as {@link PosturePattern} describes its answers: the
     * pelvis (and lower back) for a posterior pelvic tilt, the thoracic spine and shoulder blades for a rounded
     * upper back, the neck and shoulder blades for a forward lean (chin tucks, drawing the shoulder blades back).
     * Every region for an unknown pattern (null).
     */
    public static Set<TargetArea> targetAreas(PosturePattern pattern) {
        if (pattern == null) return EnumSet.allOf(TargetArea.class);
        return switch (pattern) {
            case POSTERIOR_PELVIC_TILT -> EnumSet.of(TargetArea.PELVIS, TargetArea.LUMBAR);
            case ROUNDED_UPPER_BACK -> EnumSet.of(TargetArea.THORACIC, TargetArea.SHOULDER_GIRDLE);
            case FORWARD_LEAN -> EnumSet.of(TargetArea.CERVICAL, TargetArea.SHOULDER_GIRDLE);
        };
    }

    /** The drills of a tier ranked best: on the pattern's region first, countable second; catalogue order kept. */
    private static List<Drill> best(List<Drill> tier, PosturePattern pattern) {
        Set<TargetArea> areas = targetAreas(pattern);
        Comparator<Drill> rank = Comparator.comparing((Drill d) -> !areas.contains(d.area()))
                .thenComparing(d -> d.countedBy().isEmpty());
        Drill top = tier.stream().min(rank).orElse(null);
        return top == null ? List.of() : tier.stream().filter(d -> rank.compare(d, top) == 0).toList();
    }

    private static List<Drill> sorted(List<Drill> drills) {
        // stable sort: countable drills first, catalogue order otherwise
        return drills.stream().sorted(Comparator.comparing((Drill d) -> d.countedBy().isEmpty())).toList();
    }

    /**
     * The next drill for a slouch of the given pattern.
     *
     * @param pattern why the slouch was detected; null when unknown (any slouch drill then)
     * @param state   where the wearer is now: on the feet prefers standing drills, else seated
     */
    public Drill suggest(PosturePattern pattern, PostureState state) {
        int slot = (pattern == null ? UNKNOWN : pattern.ordinal()) + (state != null && state.isOnFeet() ? PATTERNS + 1 : 0);
        return next(slot);
    }

    /** The next standing drill for a movement break. */
    public Drill suggestMovementBreak() {
        return next(MOVEMENT);
    }

    /** The drill to go with an alert: a slouch drill for slouch alerts and reminders, a standing one for breaks. */
    public Drill suggestFor(AlertEvent event, PostureState state) {
        return event.kind() == AlertKind.MOVEMENT_BREAK ? suggestMovementBreak() : suggest(event.pattern().orElse(null), state);
    }

    /** The equally suitable drills a request for that pattern and state rotates through, in order. */
    public List<Drill> candidates(PosturePattern pattern, PostureState state) {
        return candidates.get((pattern == null ? UNKNOWN : pattern.ordinal()) + (state != null && state.isOnFeet() ? PATTERNS + 1 : 0));
    }

    /** The drill suggested by the latest call, if any. */
    public Optional<Drill> lastSuggested() {
        return Optional.ofNullable(last);
    }

    private Drill next(int slot) {
        List<Drill> list = candidates.get(slot);
        Drill d = list.get(cursor[slot] % list.size());
        cursor[slot]++;
        if (d == last && list.size() > 1) {
            d = list.get(cursor[slot] % list.size());
            cursor[slot]++;
        }
        last = d;
        return d;
    }
}
