package io.spinewatch.app;

import io.spinewatch.report.ReportData;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the report page for a day's or a week's figures, so {@code report} and {@code replay --html} can offer it
 * while the monitor knows no HTML: the dashboard module passes its implementation to
 * {@link Spinewatch#commandLine(Views)}.
 */
@FunctionalInterface
public interface ReportRenderer {

    /** Why a build without the dashboard module writes no page; the commands print it and exit with 2. */
    String UNAVAILABLE_MESSAGE = "the HTML report is part of the application jar (./spinewatch), not of this build";

    /** Says clearly that this build cannot write the page (the monitor module alone, as in its tests). */
    ReportRenderer UNAVAILABLE = new ReportRenderer() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public void write(ReportData data, String version, String source, Path file) {
            throw new IllegalStateException(UNAVAILABLE_MESSAGE);
        }
    };

    /**
     * Writes the page for {@code data} to {@code file} (UTF-8), creating parent directories.
     *
     * @param version the spinewatch version the page names
     * @param source  where the figures come from, as the page names it, e.g. "the replay of day.csv"
     * @throws IOException when the file cannot be written
     */
    void write(ReportData data, String version, String source, Path file) throws IOException;

    /** False when this build cannot write pages, so a command can say so before doing any work. */
    default boolean available() {
        return true;
    }
}
