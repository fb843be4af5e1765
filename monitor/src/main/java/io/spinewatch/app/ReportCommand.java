package io.spinewatch.app;

import io.spinewatch.history.DbLocation;
import io.spinewatch.history.HistoryStore;
import io.spinewatch.report.ReportData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spinewatch report}: a wearer's day or week from the history as one self-contained HTML page. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes a wearer's day or week from the stored history as a self-contained HTML page "
                + "(inline CSS and SVG; opens offline and prints cleanly)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:the page was written",
            "1:the history could not be read or the page not written",
            "2:a usage error, or a build without the HTML report (the application jar has it)"})
public final class ReportCommand implements Callable<Integer> {
    /** Where the page says its figures come from. */
    static final String SOURCE = "the stored history";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DbOption db;

    @Option(names = "--wearer", paramLabel = "ID", required = true, description = "The wearer.")
    String wearer;

    @Option(names = "--day", paramLabel = "D", description = "Local day, e.g. 2026-03-11 (default: today in the wearer's zone).")
    String day;

    @Option(names = "--week", paramLabel = "W", description = "ISO week instead of a day, e.g. 2026-W11.")
    String week;

    @Option(names = "--out", paramLabel = "FILE.html", required = true, description = "The page to write.")
    Path out;

    Clock clock = Clock.systemUTC();

    private final ReportRenderer pages;

    /** {@code pages} writes the page: the dashboard module's, or {@link ReportRenderer#UNAVAILABLE}. */
    public ReportCommand(ReportRenderer pages) {
        this.pages = pages;
    }

    @Override
    public Integer call() {
        if (day != null && week != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --day or --week, not both");
        }
        DbLocation loc = HistoryCommand.location(spec, db);
        PrintWriter err = spec.commandLine().getErr();
        if (!pages.available()) {
            err.println("spinewatch report: " + ReportRenderer.UNAVAILABLE_MESSAGE);
            err.flush();
            return 2;
        }
        try (HistoryStore store = HistoryCommand.open(loc, err, "report")) {
            if (store == null) {
                return 1;
            }
            LocalDate first;
            LocalDate last;
            if (week != null) {
                first = parseWeek(week);
                last = first.plusDays(6);
            } else {
                first = day != null ? parseDay(day) : LocalDate.now(clock.withZone(store.zoneOrUtc(wearer)));
                last = first;
            }
            ReportData data = ReportData.fromStore(store, wearer, first, last);
            pages.write(data, Spinewatch.version(), SOURCE, out);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("wrote %s: %s %s%s, %.0f min tracked, %.0f min slouched, %d alerts, %d drills%n", out, wearer, first,
                    first.equals(last) ? "" : ".." + last, data.trackedMinutes(), data.slouchedMinutes(), data.alerts().size(),
                    data.drills().size());
            o.flush();
            return 0;
        } catch (SQLException | IOException e) {
            err.println("spinewatch report: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private LocalDate parseDay(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--day must look like 2026-03-11: " + s);
        }
    }

    /** The Monday of an ISO week such as {@code 2026-W11}. */
    private LocalDate parseWeek(String s) {
        try {
            return LocalDate.parse(s + "-1", DateTimeFormatter.ISO_WEEK_DATE).with(DayOfWeek.MONDAY);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--week must look like 2026-W11: " + s);
        }
    }
}
