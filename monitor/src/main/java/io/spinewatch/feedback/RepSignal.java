package io.spinewatch.feedback;

/**
 * The angle signal in which the sensors can see a drill's repetitions, with which sensor slots
 * it needs and the sign of the working direction (design.md conventions: + pelvic tilt is
 * posterior, + flexion is rounding).
 */
public enum RepSignal {
    /** {@code pelvic_tilt_deg} from the {@code pelvis} sensor; the drills tilt forward, i.e. negative. */
    PELVIC_TILT("pelvic_tilt", "pelvis"),
    /** Axial rotation of the {@code upper} sensor relative to the body's facing; either side counts. */
    THORACIC_ROTATION("thoracic_rotation", "upper"),
    /** {@code lumbar_flexion_deg} from {@code mid} relative to {@code pelvis}; the rounding phase counts. */
    LUMBAR_FLEXION("lumbar_flexion", "mid+pelvis"),
    /** {@code thoracic_flexion_deg} from {@code upper} relative to {@code mid}; the rounding phase counts. */
    THORACIC_FLEXION("thoracic_flexion", "upper+mid");

    private final String label;
    private final String sensors;

    RepSignal(String label, String sensors) {
        this.label = label;
        this.sensors = sensors;
    }

    /** The catalogue name. */
    public String label() {
        return label;
    }

    /** The sensor slots the signal needs, e.g. {@code mid+pelvis}. */
    public String sensors() {
        return sensors;
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static RepSignal ofLabel(String label) {
        for (RepSignal s : values()) {
            if (s.label.equals(label)) return s;
        }
        throw new IllegalArgumentException("unknown signal: " + label);
    }
}
