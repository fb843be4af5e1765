package io.spinewatch.app;

import io.spinewatch.history.DbLocation;
import io.spinewatch.history.HistoryExport;
import io.spinewatch.history.HistoryStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spinewatch export}: a wearer's stored history over a range of days as JSON or CSV. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Exports a wearer's episodes, alerts, drills and minute aggregates for the local days FROM..TO.",
                "json: one document in FILE. csv: four files beside FILE, NAME.episodes.csv, NAME.alerts.csv, "
                        + "NAME.drills.csv and NAME.minutes.csv, each with a header row."})
public final class ExportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DbOption db;

    @Option(names = "--wearer", paramLabel = "ID", required = true, description = "The wearer.")
    String wearer;

    @Option(names = "--from", paramLabel = "D", required = true, description = "First local day, e.g. 2026-03-09.")
    String from;

    @Option(names = "--to", paramLabel = "D", required = true, description = "Last local day (inclusive).")
    String to;

    @Option(names = "--format", paramLabel = "csv|json", required = true, description = "csv or json.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The file to write (csv: the name the four files share).")
    Path out;

    @Override
    public Integer call() {
        if (!format.equals("csv") && !format.equals("json")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be csv or json: " + format);
        }
        LocalDate a = day("--from", from);
        LocalDate b = day("--to", to);
        if (b.isBefore(a)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to is before --from");
        }
        DbLocation loc = HistoryCommand.location(spec, db);
        PrintWriter err = spec.commandLine().getErr();
        try (HistoryStore store = HistoryCommand.open(loc, err, "export")) {
            if (store == null) {
                return 1;
            }
            HistoryExport.Contents c = HistoryExport.read(store, wearer, a, b);
            List<Path> written;
            if (format.equals("json")) {
                Path abs = out.toAbsolutePath();
                Files.createDirectories(abs.getParent());
                Files.writeString(abs, HistoryExport.json(c), StandardCharsets.UTF_8);
                written = List.of(out);
            } else {
                written = HistoryExport.writeCsv(c, out);
            }
            PrintWriter o = spec.commandLine().getOut();
            o.printf("exported %s %s..%s: %d episodes, %d alerts, %d drills, %d minutes to %s%n", wearer, a, b,
                    c.episodes().size(), c.alerts().size(), c.drills().size(), c.minutes().size(),
                    String.join(", ", written.stream().map(Path::toString).toList()));
            o.flush();
            return 0;
        } catch (SQLException | IOException e) {
            err.println("spinewatch export: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private LocalDate day(String option, String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must look like 2026-03-11: " + s);
        }
    }
}
