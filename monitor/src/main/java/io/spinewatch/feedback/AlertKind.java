package io.spinewatch.feedback;

/** What an alert asks of the wearer; {@link #label()} is the replay report's alert {@code kind}. */
public enum AlertKind {
    /** A slouch has lasted the hold time: the one firm buzz of an episode. */
    SLOUCH("slouch"),
    /** The same slouch still persists after the alert: a gentler buzz, at growing intervals. */
    REMINDER("reminder"),
    /** The wearer has sat too long without standing up. */
    MOVEMENT_BREAK("movement_break");

    private static final AlertKind[] VALUES = values();

    private final String label;

    AlertKind(String label) {
        this.label = label;
    }

    /** The report name, e.g. {@code movement_break}. */
    public String label() {
        return label;
    }

    /**
     * The kind with the given report name.
     *
     * @throws IllegalArgumentException if no kind has that name
     */
    public static AlertKind ofLabel(String label) {
        for (AlertKind k : VALUES) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown alert kind: " + label);
    }
}
