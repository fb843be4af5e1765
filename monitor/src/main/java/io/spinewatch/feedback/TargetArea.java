package io.spinewatch.feedback;

/** The body region a drill works on. */
public enum TargetArea {
    PELVIS("pelvis"),
    LUMBAR("lumbar"),
    HIPS("hips"),
    THORACIC("thoracic"),
    CERVICAL("cervical"),
    SHOULDER_GIRDLE("shoulder_girdle");

    private final String label;

    TargetArea(String label) {
        this.label = label;
    }

    /** The catalogue name. */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static TargetArea ofLabel(String label) {
        for (TargetArea a : values()) {
            if (a.label.equals(label)) return a;
        }
        throw new IllegalArgumentException("unknown area: " + label);
    }
}
