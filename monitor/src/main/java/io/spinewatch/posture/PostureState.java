package io.spinewatch.posture;

/**
 * The posture states the monitor reports, with the lower-case names the replay report and the
 * angles CSV use ({@link #label()}); those names are a public contract and keep their meaning.
 */
public enum PostureState {
    /** The sensors are being calibrated (sit tall, then hinge forward); no posture is known yet. */
    CALIBRATING("calibrating"),
    /** Seated near the calibrated neutral. */
    UPRIGHT("upright"),
    /** Seated with the spine rounded or the pelvis tilted back beyond the slouch thresholds. */
    SLOUCHED("slouched"),
    /** Seated and leaning (forward hip hinge, reaching) with a straight back: not a slouch. */
    LEANING("leaning"),
    /** On the feet, not walking. */
    STANDING("standing"),
    /** On the feet and walking. */
    WALKING("walking"),
    /** Too little data from the sensors to tell. */
    NO_SIGNAL("no_signal");

    private static final PostureState[] VALUES = values();

    private final String label;

    PostureState(String label) {
        this.label = label;
    }

    /** The contract name, e.g. {@code no_signal}. */
    public String label() {
        return label;
    }

    /** True for the seated states: sitting time accrues in these. */
    public boolean isSeated() {
        return this == UPRIGHT || this == SLOUCHED || this == LEANING;
    }

    /** True when the wearer is on their feet (standing or walking): this breaks a sitting run. */
    public boolean isOnFeet() {
        return this == STANDING || this == WALKING;
    }

    /**
     * The state with the given contract name.
     *
     * @throws IllegalArgumentException if no state has that name (names are case-sensitive)
     */
    public static PostureState ofLabel(String label) {
        for (PostureState s : VALUES) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown posture state: " + label);
    }
}
