package io.spinewatch.feedback;

/** Whether an alert that fell due reached the wearer, and if not, what kept it back. */
public enum Delivery {
    /** Sent to the wearable. */
    DELIVERED("delivered"),
    /** The wearer snoozed alerts. */
    SNOOZED("snoozed"),
    /** The local time lay in a configured quiet window. */
    QUIET_WINDOW("quiet_window"),
    /** The day's budget of buzzes was spent. */
    DAILY_BUDGET("daily_budget");

    private final String label;

    Delivery(String label) {
        this.label = label;
    }

    /** The snake_case name for reports. */
    public String label() {
        return label;
    }

    /** True only for {@link #DELIVERED}. */
    public boolean isDelivered() {
        return this == DELIVERED;
    }
}
