package io.spinewatch.app;

import io.spinewatch.fusion.FilterParams;
import io.spinewatch.fusion.OrientationFilter;
import io.spinewatch.fusion.Quat;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spinewatch orient}: runs one orientation filter over a single-sensor CSV and writes quaternions. */
@Command(name = "orient",
        mixinStandardHelpOptions = true,
        description = {
            "Runs one orientation filter over a single-sensor CSV and writes one quaternion per row.",
            "Input: header line, then t_s,gx,gy,gz,ax,ay,az[,mx,my,mz] (s, rad/s, m/s^2, any unit);"
                    + " '#' lines are ignored; .gz files are read as gzip.",
            "Output: t_s,qw,qx,qy,qz (sensor to earth, earth z up, w >= 0; with a magnetometer earth y"
                    + " is magnetic north).",
            "Bad rows (wrong column count, non-numeric, time not increasing, non-finite) are skipped and"
                    + " counted on stderr."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:rows were written",
            "1:the input held no usable row",
            "2:the input could not be read or the output not written"})
public final class OrientCommand implements Callable<Integer> {
    private static final int LISTED_BAD_LINES = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "IMU.csv", description = "Input CSV (or .csv.gz).")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "QUAT.csv", description = "Output CSV.")
    Path out;

    @Option(names = "--no-bias", description = "Do not estimate the gyroscope bias.")
    boolean noBias;

    @Option(names = "--no-mag", description = "Ignore magnetometer columns (heading from the gyroscope alone).")
    boolean noMag;

    @Option(names = "--acc-rejection", negatable = true, defaultValue = "false",
            description = "Leave out samples whose acceleration points far from the estimated gravity (x-io style; "
                    + "off by default: it biases the estimate during walking, see docs/fusion.md).")
    boolean accRejection;

    @Option(names = "--no-mag-rejection", description = "Use the magnetometer even when the field looks disturbed.")
    boolean noMagRejection;

    @Option(names = "--tau-acc", paramLabel = "SECONDS",
            description = "Accelerometer low-pass time constant (default ${DEFAULT-VALUE} s).")
    double tauAccSeconds = FilterParams.DEFAULT.tauAccSeconds();

    @Option(names = "--tau-mag", paramLabel = "SECONDS",
            description = "Heading correction time constant (default ${DEFAULT-VALUE} s).")
    double tauMagSeconds = FilterParams.DEFAULT.tauMagSeconds();

    @Option(names = "--max-gap", paramLabel = "SECONDS",
            description = "Longer sample gaps restart the filter, keeping the bias (default ${DEFAULT-VALUE} s).")
    double maxGapSeconds = FilterParams.DEFAULT.maxGapSeconds();

    /** Why rows were skipped, for the report. */
    private static final class Tally {
        long written;
        long wrongColumns;
        long nonNumeric;
        long notIncreasing;
        long rejected;
        final List<String> examples = new ArrayList<>();

        long skipped() {
            return wrongColumns + nonNumeric + notIncreasing + rejected;
        }

        void note(long lineNo, String why) {
            if (examples.size() < LISTED_BAD_LINES) {
                examples.add("line " + lineNo + ": " + why);
            }
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        FilterParams params;
        try {
            params = FilterParams.DEFAULT.toBuilder()
                    .restBiasEnabled(!noBias)
                    .motionBiasEnabled(!noBias)
                    .magEnabled(!noMag)
                    .accRejectionEnabled(accRejection)
                    .magRejectionEnabled(!noMagRejection)
                    .tauAccSeconds(tauAccSeconds)
                    .tauMagSeconds(tauMagSeconds)
                    .maxGapSeconds(maxGapSeconds)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        OrientationFilter filter = new OrientationFilter(params);
        Tally tally = new Tally();
        try (BufferedReader reader = open(in);
                Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            run(reader, new BufferedWriter(w, 1 << 16), filter, tally);
        } catch (NoSuchFileException e) {
            err.println("orient: no such file: " + e.getFile());
            err.flush();
            return 2;
        } catch (IOException e) {
            err.println("orient: " + e);
            err.flush();
            return 2;
        }
        report(err, tally, filter);
        return tally.written > 0 ? 0 : 1;
    }

    private static BufferedReader open(Path path) throws IOException {
        InputStream raw = Files.newInputStream(path);
        try {
            InputStream s = path.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            return new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    private static void run(BufferedReader reader, BufferedWriter w, OrientationFilter filter, Tally tally)
            throws IOException {
        w.write("t_s,qw,qx,qy,qz\n");
        double[] v = new double[10];
        Quat q = new Quat();
        StringBuilder sb = new StringBuilder(96);
        int expectedColumns = -1; // 7 or 10 once known from the header or the first row
        boolean headerSeen = false;
        long lastMicros = Long.MIN_VALUE;
        long lineNo = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] cells = trimmed.split(",", -1);
            if (!headerSeen) {
                headerSeen = true;
                if (cells[0].strip().equals("t_s")) {
                    if (cells.length == 7 || cells.length == 10) {
                        expectedColumns = cells.length;
                    }
                    continue;
                }
            }
            if (cells.length != 7 && cells.length != 10
                    || expectedColumns > 0 && cells.length != expectedColumns) {
                tally.wrongColumns++;
                tally.note(lineNo, cells.length + " columns");
                continue;
            }
            if (!parse(cells, v)) {
                tally.nonNumeric++;
                tally.note(lineNo, "not a number");
                continue;
            }
            if (expectedColumns < 0) {
                expectedColumns = cells.length;
            }
            double tMicros = Math.rint(v[0] * 1e6);
            if (!(Math.abs(tMicros) < 9e15)) {
                tally.nonNumeric++;
                tally.note(lineNo, "time out of range");
                continue;
            }
            long t = (long) tMicros;
            if (t <= lastMicros) {
                tally.notIncreasing++;
                tally.note(lineNo, "time not increasing");
                continue;
            }
            boolean accepted = cells.length == 10
                    ? filter.updateAtMicros(t, v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9])
                    : filter.updateAtMicros(t, v[1], v[2], v[3], v[4], v[5], v[6]);
            if (!accepted) {
                tally.rejected++;
                tally.note(lineNo, "rejected by the filter (non-finite value)");
                continue;
            }
            lastMicros = t;
            filter.orientation(q);
            sb.setLength(0);
            sb.append(cells[0].strip());
            appendFixed(sb, q.w);
            appendFixed(sb, q.x);
            appendFixed(sb, q.y);
            appendFixed(sb, q.z);
            sb.append('\n');
            w.append(sb);
            tally.written++;
        }
        w.flush();
    }

    private static boolean parse(String[] cells, double[] v) {
        try {
            for (int i = 0; i < cells.length; i++) {
                v[i] = Double.parseDouble(cells[i].strip());
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Nine decimals (1e-9 of a unit quaternion is far below any sensor's resolution), no exponent. */
    private static void appendFixed(StringBuilder sb, double value) {
        sb.append(',').append(String.format(Locale.ROOT, "%.9f", value));
    }

    private void report(PrintWriter err, Tally tally, OrientationFilter filter) {
        err.printf(Locale.ROOT, "orient: %d rows written to %s, %d skipped (%d wrong column count, %d non-numeric,"
                        + " %d time not increasing, %d rejected by the filter), %d restarts after gaps%n",
                tally.written, out, tally.skipped(), tally.wrongColumns, tally.nonNumeric, tally.notIncreasing,
                tally.rejected, filter.restartCount());
        for (String example : tally.examples) {
            err.println("orient:   " + example);
        }
        if (tally.written == 0) {
            err.println("orient: no usable row in " + in);
        }
        err.flush();
    }
}
