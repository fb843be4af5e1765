package io.spinewatch.feedback;

/** Where a drill can be done: at the desk without getting up, standing, or on the floor. */
public enum DrillSetting {
    /** On the office chair: the only setting that needs no interruption of work. */
    SEATED("seated"),
    /** On the feet, beside the desk; suits a movement break. */
    STANDING("standing"),
    /** Lying or kneeling on the floor: for home, never suggested at the desk if anything else fits. */
    FLOOR("floor");

    private final String label;

    DrillSetting(String label) {
        this.label = label;
    }

    /** The catalogue name. */
    public String label() {
        return label;
    }

    /** True when the drill can be done sitting at the desk. */
    public boolean deskFriendly() {
        return this == SEATED;
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static DrillSetting ofLabel(String label) {
        for (DrillSetting s : values()) {
            if (s.label.equals(label)) return s;
        }
        throw new IllegalArgumentException("unknown setting: " + label);
    }
}
