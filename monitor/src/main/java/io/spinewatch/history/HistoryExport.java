package io.spinewatch.history;

import io.spinewatch.text.JsonText;
import io.spinewatch.live.Angle;
import io.spinewatch.trace.NumberText;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One wearer's history over a range of local days, exported as JSON (one document) or CSV (one file per
 * kind of record, each with a header row). Times appear twice: UTC epoch milliseconds, and ISO-8601 local
 * time with the offset in the wearer's zone. Written by hand: no JSON or CSV library.
 */
public final class HistoryExport {
    /** The {@code format} value of the JSON document. */
    public static final String FORMAT = "spinewatch-history-export v1";

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** What is exported: the records of {@code wearerId} whose time lies in {@code from..to} (local days, inclusive). */
    public record Contents(String wearerId, ZoneId zone, LocalDate from, LocalDate to, List<EpisodeRecord> episodes,
                           List<AlertRecord> alerts, List<DrillRecord> drills, List<MinuteAggregate> minutes) {
        public Contents {
            episodes = List.copyOf(episodes);
            alerts = List.copyOf(alerts);
            drills = List.copyOf(drills);
            minutes = List.copyOf(minutes);
        }
    }

    private HistoryExport() {
    }

    /** Reads the wearer's records for the local days {@code from..to} (episodes overlapping them, unclipped). */
    public static Contents read(HistoryStore store, String wearerId, LocalDate from, LocalDate to) throws SQLException {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to is before --from: " + from + ".." + to);
        }
        ZoneId zone = store.zoneOrUtc(wearerId);
        long a = HistoryStore.dayStartMillis(from, zone);
        long b = HistoryStore.dayStartMillis(to.plusDays(1), zone);
        return new Contents(wearerId, zone, from, to, store.episodes(wearerId, a, b), store.alerts(wearerId, a, b),
                store.drills(wearerId, a, b), store.minutes(wearerId, a, b));
    }

    /** The JSON document. */
    public static String json(Contents c) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("{\n  \"format\": ").append(quote(FORMAT))
                .append(",\n  \"wearer\": ").append(quote(c.wearerId()))
                .append(",\n  \"zone\": ").append(quote(c.zone().getId()))
                .append(",\n  \"from\": ").append(quote(c.from().toString()))
                .append(",\n  \"to\": ").append(quote(c.to().toString()))
                .append(",\n  \"episodes\": [");
        for (int i = 0; i < c.episodes().size(); i++) {
            EpisodeRecord e = c.episodes().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"start_ms\": ").append(e.startMillis())
                    .append(", \"end_ms\": ").append(e.endMillis())
                    .append(", \"start\": ").append(quote(local(e.startMillis(), c.zone())))
                    .append(", \"end\": ").append(quote(local(e.endMillis(), c.zone())))
                    .append(", \"duration_s\": ").append(num(e.durationMillis() / 1000.0))
                    .append(", \"state\": ").append(quote(e.state())).append('}');
        }
        b.append(c.episodes().isEmpty() ? "],\n" : "\n  ],\n").append("  \"alerts\": [");
        for (int i = 0; i < c.alerts().size(); i++) {
            AlertRecord a = c.alerts().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"t_ms\": ").append(a.tMillis())
                    .append(", \"t\": ").append(quote(local(a.tMillis(), c.zone())))
                    .append(", \"kind\": ").append(quote(a.kind()))
                    .append(", \"delivered\": ").append(a.delivered())
                    .append(", \"reason\": ").append(quote(a.reason())).append('}');
        }
        b.append(c.alerts().isEmpty() ? "],\n" : "\n  ],\n").append("  \"drills\": [");
        for (int i = 0; i < c.drills().size(); i++) {
            DrillRecord d = c.drills().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"drill\": ").append(quote(d.drillId()))
                    .append(", \"start_ms\": ").append(d.startMillis())
                    .append(", \"end_ms\": ").append(d.endMillis())
                    .append(", \"start\": ").append(quote(local(d.startMillis(), c.zone())))
                    .append(", \"end\": ").append(quote(local(d.endMillis(), c.zone())))
                    .append(", \"reps\": ").append(d.reps())
                    .append(", \"prompted\": ").append(d.prompted())
                    .append(", \"outcome\": ").append(quote(d.outcome())).append('}');
        }
        b.append(c.drills().isEmpty() ? "],\n" : "\n  ],\n").append("  \"minutes\": [");
        for (int i = 0; i < c.minutes().size(); i++) {
            MinuteAggregate m = c.minutes().get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"minute_ms\": ").append(m.minuteStartMillis())
                    .append(", \"minute\": ").append(quote(local(m.minuteStartMillis(), c.zone())))
                    .append(", \"seconds\": {");
            int k = 0;
            for (Map.Entry<String, Double> e : m.secondsByState().entrySet()) {
                b.append(k++ == 0 ? "" : ", ").append(quote(e.getKey())).append(": ").append(num(e.getValue()));
            }
            b.append("}, \"angles\": {");
            k = 0;
            for (Map.Entry<Angle, AngleStats> e : m.angles().entrySet()) {
                AngleStats s = e.getValue();
                b.append(k++ == 0 ? "" : ", ").append(quote(e.getKey().label())).append(": {\"mean\": ").append(num(s.meanDeg()))
                        .append(", \"min\": ").append(num(s.minDeg())).append(", \"max\": ").append(num(s.maxDeg())).append('}');
            }
            b.append("}}");
        }
        b.append(c.minutes().isEmpty() ? "]\n" : "\n  ]\n").append("}\n");
        return b.toString();
    }

    /** The CSV files for {@code out}: {@code NAME.episodes.csv}, {@code .alerts.csv}, {@code .drills.csv}, {@code .minutes.csv}. */
    public static List<Path> csvFiles(Path out) {
        String name = out.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        List<Path> files = new ArrayList<>();
        for (String kind : new String[] {"episodes", "alerts", "drills", "minutes"}) {
            files.add(out.resolveSibling(name + "." + kind + ".csv"));
        }
        return files;
    }

    /** Writes the four CSV files beside {@code out} (see {@link #csvFiles}); returns them. */
    public static List<Path> writeCsv(Contents c, Path out) throws IOException {
        List<Path> files = csvFiles(out.toAbsolutePath());
        Files.createDirectories(files.get(0).getParent());
        ZoneId z = c.zone();
        try (Writer w = Files.newBufferedWriter(files.get(0), StandardCharsets.UTF_8)) {
            w.write("wearer,start_ms,end_ms,start,end,duration_s,state\n");
            for (EpisodeRecord e : c.episodes()) {
                row(w, e.wearerId(), e.startMillis(), e.endMillis(), local(e.startMillis(), z), local(e.endMillis(), z),
                        num(e.durationMillis() / 1000.0), e.state());
            }
        }
        try (Writer w = Files.newBufferedWriter(files.get(1), StandardCharsets.UTF_8)) {
            w.write("wearer,t_ms,t,kind,delivered,reason\n");
            for (AlertRecord a : c.alerts()) {
                row(w, a.wearerId(), a.tMillis(), local(a.tMillis(), z), a.kind(), a.delivered(), a.reason());
            }
        }
        try (Writer w = Files.newBufferedWriter(files.get(2), StandardCharsets.UTF_8)) {
            w.write("wearer,drill,start_ms,end_ms,start,end,reps,prompted,outcome\n");
            for (DrillRecord d : c.drills()) {
                row(w, d.wearerId(), d.drillId(), d.startMillis(), d.endMillis(), local(d.startMillis(), z),
                        local(d.endMillis(), z), d.reps(), d.prompted(), d.outcome());
            }
        }
        try (Writer w = Files.newBufferedWriter(files.get(3), StandardCharsets.UTF_8)) {
            StringBuilder h = new StringBuilder("wearer,minute_ms,minute");
            for (String s : HistoryStore.MINUTE_STATES) {
                h.append(',').append(s).append("_s");
            }
            for (Angle a : Angle.values()) {
                String n = a.label().replaceFirst("_deg$", "");
                h.append(',').append(n).append("_mean_deg,").append(n).append("_min_deg,").append(n).append("_max_deg");
            }
            w.write(h.append('\n').toString());
            for (MinuteAggregate m : c.minutes()) {
                List<Object> cells = new ArrayList<>();
                cells.add(m.wearerId());
                cells.add(m.minuteStartMillis());
                cells.add(local(m.minuteStartMillis(), z));
                for (String s : HistoryStore.MINUTE_STATES) {
                    cells.add(num(m.seconds(s)));
                }
                for (Angle a : Angle.values()) {
                    AngleStats st = m.angles().get(a);
                    cells.add(st == null ? "" : num(st.meanDeg()));
                    cells.add(st == null ? "" : num(st.minDeg()));
                    cells.add(st == null ? "" : num(st.maxDeg()));
                }
                row(w, cells.toArray());
            }
        }
        return files;
    }

    private static void row(Writer w, Object... cells) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(csv(String.valueOf(cells[i])));
        }
        w.write(b.append('\n').toString());
    }

    /** A CSV field: quoted, with quotes doubled, when it holds a comma, quote or line break (RFC 4180). */
    static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** A JSON string literal (see {@link JsonText#string}). */
    static String quote(String s) {
        return JsonText.string(s);
    }

    private static String local(long millis, ZoneId zone) {
        return LOCAL.format(Instant.ofEpochMilli(millis).atZone(zone));
    }

    private static String num(double v) {
        String s = NumberText.fixed(v, 3);
        // Trailing zeros carry nothing; drop them and a point left bare.
        return s.contains(".") ? s.replaceFirst("\\.?0+$", "") : s;
    }
}
