package io.spinewatch.posture;

/**
 * Why a slouch was detected: which part of the spine carries it. The feedback package chooses the
 * corrective drill from this; the posture engine names the dominant one of these for a slouch.
 */
public enum PosturePattern {
    /**
     * The pelvis tilted back (tail tucked under) with the lower back flattened or rounded: positive
     * {@code pelvic_tilt_deg} with positive {@code lumbar_flexion_deg}. Answered by tilting the
     * pelvis forward again (pelvic tilt drills).
     */
    POSTERIOR_PELVIC_TILT("posterior_pelvic_tilt"),
    /**
     * The upper back rounded: positive {@code thoracic_flexion_deg}. Answered by thoracic extension
     * and rotation drills and by drawing the shoulder blades back.
     */
    ROUNDED_UPPER_BACK("rounded_upper_back"),
    /**
     * The head and upper trunk carried forward: positive {@code trunk_lean_deg} without a matching
     * hip hinge. With only the {@code upper} sensor this is the only pattern that can be told.
     * Answered by chin tucks and by drawing the shoulder blades back.
     */
    FORWARD_LEAN("forward_lean");

    private static final PosturePattern[] VALUES = values();

    private final String label;

    PosturePattern(String label) {
        this.label = label;
    }

    /** The snake_case name used in data files and reports, e.g. {@code rounded_upper_back}. */
    public String label() {
        return label;
    }

    /**
     * The pattern with the given name.
     *
     * @throws IllegalArgumentException if no pattern has that name
     */
    public static PosturePattern ofLabel(String label) {
        for (PosturePattern p : VALUES) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown posture pattern: " + label);
    }
}
