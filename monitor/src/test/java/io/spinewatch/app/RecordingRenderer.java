package io.spinewatch.app;

import io.spinewatch.report.ReportData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A report renderer that keeps what it is given instead of writing a page, so the monitor's tests check the figures a
 * command hands over; the page itself is the dashboard's and is checked there.
 */
final class RecordingRenderer implements ReportRenderer {
    /** One page a command asked for. */
    record Page(ReportData data, String version, String source, Path file) {
    }

    final List<Page> pages = new ArrayList<>();

    @Override
    public void write(ReportData data, String version, String source, Path file) {
        pages.add(new Page(data, version, source, file));
    }

    /** The command line with this renderer and no dashboard. */
    picocli.CommandLine commandLine() {
        return Spinewatch.commandLine(new Views(LiveViewFactory.UNAVAILABLE, this));
    }
}
