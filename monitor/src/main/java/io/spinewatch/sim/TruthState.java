package io.spinewatch.sim;

/** What the simulated wearer is doing at an instant, named as the replay output names states (design.md). */
public enum TruthState {
    CALIBRATING("calibrating"),
    UPRIGHT("upright"),
    SLOUCHED("slouched"),
    LEANING("leaning"),
    STANDING("standing"),
    WALKING("walking"),
    /** Doing a corrective drill (pelvic tilts, thoracic rotations, chin tucks, cat/cow). */
    DRILL("drill");

    private final String label;

    TruthState(String label) {
        this.label = label;
    }

    /** The lower-case name used in CSV and JSON. */
    public String label() {
        return label;
    }
}
