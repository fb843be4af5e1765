package io.spinewatch.live;

/** The four sagittal-plane angles of design.md, with the column names the angles CSV uses. */
public enum Angle {
    /** The {@code mid} segment relative to the pelvis; + rounds the lower back. */
    LUMBAR_FLEXION("lumbar_flexion_deg"),
    /** The {@code upper} segment relative to the {@code mid} segment; + rounds the upper back. */
    THORACIC_FLEXION("thoracic_flexion_deg"),
    /** The pelvis relative to gravity; + is posterior tilt (the slouch direction). */
    PELVIC_TILT("pelvic_tilt_deg"),
    /** The {@code upper} segment relative to gravity; + leans forward. */
    TRUNK_LEAN("trunk_lean_deg");

    private final String label;

    Angle(String label) {
        this.label = label;
    }

    /** The contract name, e.g. {@code pelvic_tilt_deg}; also the JSON key. */
    public String label() {
        return label;
    }
}
