package io.spinewatch.feedback;

import io.spinewatch.posture.PostureState;
import io.spinewatch.posture.PosturePattern;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the drill to suggest with an alert: one that answers the detected slouch pattern and
 * fits where the wearer is (seated drills while seated, standing drills on the feet, floor drills
 * only when nothing else answers), rotating through the alternatives so the same drill does not
 * come every time. Movement breaks get a standing drill. Deterministic: a fresh coach given the
 * same calls suggests the same drills.
 *
 * <p>Candidates are ordered setting first (by preference), then drills the sensors can count
 * before those the wearer has to confirm, then catalogue order. Each request takes the next
 * candidate of its own rotation, skipping the drill suggested just before when there is another.
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
                List<Drill> tier = firstTier(answering, order);
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

    /** The alternatives a request for that pattern and state rotates through, in order. */
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
