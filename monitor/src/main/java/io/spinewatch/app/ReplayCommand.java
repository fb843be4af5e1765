package io.spinewatch.app;

import io.spinewatch.feedback.DrillCatalogue;
import io.spinewatch.history.HistoryRecord;
import io.spinewatch.history.WearerHistory;
import io.spinewatch.pipeline.ReplayHistoryFeed;
import io.spinewatch.pipeline.PipelineParams;
import io.spinewatch.pipeline.PostureListener;
import io.spinewatch.pipeline.ReplayRecorder;
import io.spinewatch.pipeline.WearerPipeline;
import io.spinewatch.protocol.ImuSample;
import io.spinewatch.report.ReportData;
import io.spinewatch.trace.TraceFormatException;
import io.spinewatch.trace.TraceMetadata;
import io.spinewatch.trace.TraceReadResult;
import io.spinewatch.trace.TraceReader;
import io.spinewatch.trace.TraceRow;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spinewatch replay}: runs a recorded trace through the wearer pipeline and writes angles and a report. */
@Command(name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a trace (CSV or gzip, spinewatch-trace v1) through the same pipeline as live data.",
            "--angles: t_s,lumbar_flexion_deg,thoracic_flexion_deg,pelvic_tilt_deg,trunk_lean_deg,state, one row"
                    + " per step (10 Hz by default); angles the sensors cannot give are empty cells.",
            "--report: JSON with episodes, alerts, drills, prompts and a summary (calibration, sensors,"
                    + " minutes per state, skipped and truncated rows).",
            "--html: the same self-contained HTML page as 'spinewatch report', made from the replay instead of the"
                    + " history database; t_s = 0 is placed at --html-start.",
            "A '# calibrate=A-B' line marks the calibration routine; without it the first seconds are used."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:the trace was replayed (possibly with skipped rows or truncated; see the report)",
            "1:the trace held no usable row",
            "2:the trace could not be read or an output not written, or --html in a build without the HTML report"})
public final class ReplayCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRACE", description = "The trace file (.csv or .csv.gz).")
    Path trace;

    @Option(names = "--angles", paramLabel = "OUT.csv", description = "Angles CSV to write.")
    Path anglesOut;

    @Option(names = "--report", paramLabel = "OUT.json", description = "JSON report to write.")
    Path reportOut;

    @Option(names = "--html", paramLabel = "OUT.html", description = "HTML report to write (as 'spinewatch report' does).")
    Path htmlOut;

    @Option(names = "--html-start", paramLabel = "TIME",
            description = "Wall-clock time of t_s = 0 for --html: 2026-03-11T08:30 (in the system's zone), or with an offset "
                    + "and zone, 2026-03-11T08:30+01:00[Europe/Berlin]. Default: the trace's '# recorded_at', else "
                    + "09:00 today.")
    String htmlStart;

    /** The clock and zone behind the defaults of --html-start. */
    Clock clock = Clock.systemDefaultZone();

    @Option(names = "--speed", paramLabel = "FACTOR",
            description = "Pace to FACTOR x real time (1 = real time); default: as fast as possible.")
    Double speed;

    @Option(names = "--rate", paramLabel = "HZ",
            description = "Steps (angle rows) per second of trace time (default ${DEFAULT-VALUE}).")
    double rateHz = PipelineParams.DEFAULT_STEP_RATE_HZ;

    @Option(names = "--progress", description = "Print plain progress lines to stderr when it is not a terminal.")
    boolean progress;

    private final ReportRenderer pages;

    /** {@code pages} writes the --html page: the dashboard module's, or {@link ReportRenderer#UNAVAILABLE}. */
    public ReplayCommand(ReportRenderer pages) {
        this.pages = pages;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (speed != null && !(speed > 0 && speed <= 1000)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--speed must be in (0, 1000]: " + speed);
        }
        PipelineParams params;
        try {
            // The HTML report is made from the steps, which come with the angles.
            params = PipelineParams.DEFAULT.withStepRateHz(rateHz).withAnglesEnabled(anglesOut != null || htmlOut != null);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (htmlStart != null) {
            parseStart(htmlStart, clock.getZone());
        }
        if (htmlOut != null && !pages.available()) {
            // Said before the replay, which may take minutes, rather than after it.
            err.println("replay: " + ReportRenderer.UNAVAILABLE_MESSAGE);
            return 2;
        }
        long size;
        try {
            size = Files.size(trace);
        } catch (NoSuchFileException e) {
            err.println("replay: no such file: " + trace);
            return 2;
        } catch (IOException e) {
            err.println("replay: cannot read " + trace + ": " + e.getMessage());
            return 2;
        }
        Progress bar = new Progress(err, size, System.console() != null, progress);
        Writer angles = null;
        try (CountingInput counted = new CountingInput(Files.newInputStream(trace));
                TraceReader reader = TraceReader.open(counted)) {
            if (anglesOut != null) {
                angles = new BufferedWriter(Files.newBufferedWriter(anglesOut, StandardCharsets.UTF_8), 1 << 16);
            }
            ReplayRecorder recorder = new ReplayRecorder(angles);
            PostureListener listener = recorder;
            ReplayHistory history = null;
            if (htmlOut != null) {
                history = new ReplayHistory(reader.metadata(), 1 / params.stepRateHz());
                listener = PostureListener.tee(recorder, history.feed);
            }
            WearerPipeline pipeline = new WearerPipeline(params, DrillCatalogue.bundled(), listener);
            reader.metadata().calibrate().ifPresent(r -> pipeline.calibrateDuring(r.startS(), r.endS()));
            ImuSample sample = new ImuSample();
            long[] seq = new long[3];
            Pacer pacer = speed == null ? null : new Pacer(speed);
            TraceReadResult read = reader.read(row -> {
                int i = row.slot().ordinal();
                sample.set(i + 1, row.slot(), seq[i]++, Math.round(row.tS() * 1e6),
                        row.axMps2(), row.ayMps2(), row.azMps2(), row.gxRadPerS(), row.gyRadPerS(), row.gzRadPerS());
                if (row.hasMag()) sample.setMag(row.mx(), row.my(), row.mz());
                if (pacer != null) pacer.await(row.tS());
                pipeline.onSample(sample);
                bar.update(counted.count(), row.tS());
            });
            pipeline.finish();
            bar.done();
            if (angles != null) {
                angles.close();
                angles = null;
            }
            if (reportOut != null) {
                try (Writer w = Files.newBufferedWriter(reportOut, StandardCharsets.UTF_8)) {
                    recorder.writeReport(w, pipeline, read, trace.toString());
                }
            }
            if (history != null) {
                ReportData data = history.report();
                pages.write(data, Spinewatch.version(), "the replay of " + trace.getFileName(), htmlOut);
                err.println(String.format(Locale.ROOT, "replay: wrote %s: %s %s%s, %.0f min tracked, %.0f min slouched",
                        htmlOut, data.wearerId(), data.first(), data.isDay() ? "" : ".." + data.last(), data.trackedMinutes(),
                        data.slouchedMinutes()));
            }
            err.println("replay: " + read.describe() + "; " + recorder.angleRows() + " steps; state at end "
                    + pipeline.state().label());
            return read.rows() == 0 ? 1 : 0;
        } catch (TraceFormatException e) {
            err.println("replay: " + trace + ": " + e.getMessage());
            return 2;
        } catch (IOException | UncheckedIOException e) {
            err.println("replay: " + e.getMessage());
            return 2;
        } finally {
            if (angles != null) {
                try {
                    angles.close();
                } catch (IOException ignored) {
                    // already reporting the first failure
                }
            }
        }
    }

    /**
     * The replay's history in memory: the pipeline's events through {@link ReplayHistoryFeed} and {@link WearerHistory},
     * the same path as records on their way to the database, so this report and a stored one agree.
     */
    private final class ReplayHistory {
        final List<HistoryRecord> records = new ArrayList<>();
        final String wearerId;
        final ZonedDateTime origin;
        final ReplayHistoryFeed feed;

        ReplayHistory(TraceMetadata metadata, double stepSeconds) {
            this.wearerId = wearerOf(metadata);
            this.origin = origin(metadata);
            WearerHistory history = new WearerHistory(wearerId, origin.getZone(), records::add);
            this.feed = new ReplayHistoryFeed(history, origin.toInstant().toEpochMilli(), stepSeconds);
        }

        ReportData report() {
            feed.finish();
            ZoneId zone = origin.getZone();
            LocalDate first = origin.toLocalDate();
            // The end is exclusive: a replay ending at midnight does not reach into the next day.
            LocalDate last = Instant.ofEpochMilli(Math.max(feed.endMillis() - 1, origin.toInstant().toEpochMilli()))
                    .atZone(zone).toLocalDate();
            return ReportData.ofRecords(wearerId, zone, first, last, records);
        }

        private String wearerOf(TraceMetadata metadata) {
            String id = metadata.get("wearer").orElseGet(() -> trace.getFileName().toString().replaceFirst("\\..*$", ""));
            id = id.replaceAll("\\p{Cntrl}", "").strip();
            id = id.length() > HistoryRecord.MAX_WEARER_ID_LENGTH ? id.substring(0, HistoryRecord.MAX_WEARER_ID_LENGTH) : id;
            return id.isEmpty() ? "wearer" : id;
        }

        private ZonedDateTime origin(TraceMetadata metadata) {
            ZoneId zone = clock.getZone();
            if (htmlStart != null) {
                return parseStart(htmlStart, zone);
            }
            var recorded = metadata.get("recorded_at");
            if (recorded.isPresent()) {
                try {
                    return Instant.parse(recorded.get()).atZone(zone);
                } catch (DateTimeException e) {
                    // not an instant: fall through to the default
                }
            }
            return LocalDate.now(clock).atTime(DEFAULT_START).atZone(zone);
        }
    }

    /** --html-start as a time; a usage error when it is none. */
    private ZonedDateTime parseStart(String text, ZoneId zone) {
        try {
            return ZonedDateTime.parse(text);
        } catch (DateTimeException e) {
            try {
                return LocalDateTime.parse(text).atZone(zone);
            } catch (DateTimeException e2) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--html-start must look like 2026-03-11T08:30 or 2026-03-11T08:30+01:00[Europe/Berlin]: " + text);
            }
        }
    }

    /** Where t_s = 0 lands in the HTML report when the trace says nothing: a desk day's usual start. */
    static final LocalTime DEFAULT_START = LocalTime.of(9, 0);

    /** Counts the bytes read from the file (compressed bytes for gzip), for progress. */
    private static final class CountingInput extends FilterInputStream {
        private long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }

        long count() {
            return count;
        }
    }

    /** Sleeps so that trace time advances at {@code speed} x wall time. */
    private static final class Pacer {
        private final double speed;
        private double originTraceSeconds = Double.NaN;
        private long originNanos;

        Pacer(double speed) {
            this.speed = speed;
        }

        void await(double traceSeconds) {
            if (Double.isNaN(originTraceSeconds)) {
                originTraceSeconds = traceSeconds;
                originNanos = System.nanoTime();
                return;
            }
            long due = originNanos + (long) ((traceSeconds - originTraceSeconds) / speed * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 1_000_000) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** A progress bar on a terminal, plain lines every 10 % with --progress, nothing otherwise. */
    private static final class Progress {
        private final PrintWriter err;
        private final long size;
        private final boolean terminal;
        private final boolean plain;
        private int lastShown = -1;

        Progress(PrintWriter err, long size, boolean terminal, boolean plain) {
            this.err = err;
            this.size = Math.max(1, size);
            this.terminal = terminal;
            this.plain = plain && !terminal;
        }

        void update(long bytes, double traceSeconds) {
            if (!terminal && !plain) return;
            int pct = (int) Math.min(100, bytes * 100 / size);
            if (terminal && pct != lastShown) {
                int filled = pct * 30 / 100;
                err.print(String.format(Locale.ROOT, "\r[%s%s] %3d%%  t=%.0f s", "#".repeat(filled), ".".repeat(30 - filled), pct, traceSeconds));
                err.flush();
                lastShown = pct;
            } else if (plain && pct / 10 != lastShown / 10) {
                err.println(String.format(Locale.ROOT, "replay: %d%% (t=%.0f s)", pct, traceSeconds));
                err.flush();
                lastShown = pct;
            }
        }

        void done() {
            if (terminal && lastShown >= 0) {
                err.println();
            }
        }
    }
}
