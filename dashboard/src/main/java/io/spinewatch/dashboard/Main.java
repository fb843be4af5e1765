package io.spinewatch.dashboard;

import io.spinewatch.app.Spinewatch;
import io.spinewatch.app.Views;
import io.spinewatch.dashboard.report.HtmlReport;
import picocli.CommandLine;

/** Entry point of the application jar: the monitor's command line, with the dashboard and the report page available to it. */
public final class Main {
    private Main() {
    }

    /** The monitor's command line, lent the live dashboard for {@code demo} and {@code run} and the report page. */
    public static CommandLine commandLine() {
        return Spinewatch.commandLine(new Views(new DashboardViews(), HtmlReport::write));
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
