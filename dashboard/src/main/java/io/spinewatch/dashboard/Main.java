package io.spinewatch.dashboard;

import io.spinewatch.app.Spinewatch;

/** Entry point of the application jar: the monitor's command line, with the dashboard available to it. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Spinewatch.commandLine(new DashboardViews()).execute(args));
    }
}
