package io.spinewatch.app;

import java.util.Objects;

/**
 * What the dashboard module lends the command line, so the monitor offers a web view and an HTML report without
 * knowing HTTP or HTML: the live dashboard for {@code demo} and {@code run}, and the report page for {@code report}
 * and {@code replay --html}.
 */
public record Views(LiveViewFactory live, ReportRenderer reports) {

    /** Neither: the monitor module alone, as in its tests; the commands that need one say so. */
    public static final Views NONE = new Views(LiveViewFactory.UNAVAILABLE, ReportRenderer.UNAVAILABLE);

    public Views {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(reports, "reports");
    }
}
