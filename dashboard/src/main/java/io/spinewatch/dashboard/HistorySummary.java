package io.spinewatch.dashboard;

import io.spinewatch.history.AlertRecord;
import io.spinewatch.history.DrillRecord;
import io.spinewatch.history.EpisodeRecord;
import io.spinewatch.history.HistoryStore;
import io.spinewatch.report.DaySummary;
import io.spinewatch.report.ReportData;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One wearer's stored history as the dashboard's history panel shows it: today, the last seven local days
 * and this week against last week, in the wearer's zone. Built from the store's records with the daily
 * report's own definitions ({@link ReportData}), so the panel and {@code spinewatch report} agree.
 *
 * @param today    the local day that contains "now" in the wearer's zone
 * @param day      today's figures
 * @param lastDays the seven local days ending today, oldest first
 * @param thisWeek Monday to today
 * @param lastWeek the whole previous Monday to Sunday
 */
record HistorySummary(String wearerId, ZoneId zone, LocalDate today, Today day, List<DayFigures> lastDays,
                      Period thisWeek, Period lastWeek) {
    /** Days in the bar chart. */
    static final int DAYS = 7;
    /** Drills listed for today; any more are counted, not listed. */
    static final int MAX_DRILLS_LISTED = 50;

    HistorySummary {
        lastDays = List.copyOf(lastDays);
    }

    /**
     * Today's figures.
     *
     * @param secondsByState   seconds per state, episodes clipped to the day
     * @param longestSlouch    the longest single slouch (clipped to the day), empty when none
     * @param drills           drills started today, first {@value #MAX_DRILLS_LISTED}
     */
    record Today(DayFigures figures, Map<String, Double> secondsByState, Optional<EpisodeRecord> longestSlouch,
                 List<DrillRecord> drills) {
        Today {
            secondsByState = Map.copyOf(secondsByState);
            drills = List.copyOf(drills);
        }
    }

    /**
     * One local day, or the sum over several.
     *
     * @param monitoredMinutes time in any state (the report's "tracked")
     * @param seatedMinutes    upright, slouched, leaning and seated drills
     * @param uprightMinutes   upright only
     */
    record DayFigures(LocalDate day, double monitoredMinutes, double seatedMinutes, double uprightMinutes,
                      double slouchedMinutes, int alerts, int alertsDelivered, int drills, int drillReps) {
        /** Slouched share of seated time, 0..1; 0 when the wearer did not sit (as in the report). */
        double slouchedShare() {
            return seatedMinutes > 0 ? slouchedMinutes / seatedMinutes : 0;
        }

        int alertsHeldBack() {
            return alerts - alertsDelivered;
        }
    }

    /** Several days added up: {@code first..last}, both included. */
    record Period(LocalDate first, LocalDate last, DayFigures total) {
    }

    /** The first local day whose records {@link #of} needs: the earlier of six days ago and last week's Monday. */
    static LocalDate firstDayNeeded(LocalDate today) {
        LocalDate sixAgo = today.minusDays(DAYS - 1);
        LocalDate lastMonday = mondayOf(today).minusWeeks(1);
        return sixAgo.isBefore(lastMonday) ? sixAgo : lastMonday;
    }

    /** The local day that contains {@code now} in {@code zone}. */
    static LocalDate todayIn(Instant now, ZoneId zone) {
        return LocalDate.ofInstant(now, zone);
    }

    /**
     * The summary from the wearer's records between the start of {@link #firstDayNeeded} and the end of
     * {@code today} (records outside are ignored).
     */
    static HistorySummary of(String wearerId, ZoneId zone, LocalDate today, List<EpisodeRecord> episodes,
                             List<AlertRecord> alerts, List<DrillRecord> drills) {
        LocalDate first = firstDayNeeded(today);
        // The report's trend has a DaySummary for every day of the Monday-to-Sunday weeks around the period.
        ReportData span = ReportData.of(wearerId, zone, first, today, episodes, alerts, drills, List.of());
        List<DayFigures> figures = new ArrayList<>();
        for (DaySummary s : span.trend()) {
            if (!s.day().isBefore(first) && !s.day().isAfter(today)) {
                figures.add(new DayFigures(s.day(), s.trackedMinutes(), s.seatedMinutes(),
                        uprightMinutes(episodes, zone, s.day()), s.slouchedMinutes(), s.alerts(), s.alertsDelivered(),
                        s.drills(), s.drillReps()));
            }
        }
        DayFigures todayFigures = figures.get(figures.size() - 1);
        List<DayFigures> lastDays = figures.subList(figures.size() - DAYS, figures.size());
        LocalDate monday = mondayOf(today);
        Period thisWeek = new Period(monday, today, sum(figures, monday, today));
        Period lastWeek = new Period(monday.minusWeeks(1), monday.minusDays(1),
                sum(figures, monday.minusWeeks(1), monday.minusDays(1)));

        ReportData day = ReportData.of(wearerId, zone, today, today, episodes, alerts, drills, List.of());
        long from = day.fromMillis();
        long to = day.toMillis();
        Optional<EpisodeRecord> longest = Optional.empty();
        long longestMillis = 0;
        for (EpisodeRecord e : day.episodes()) {
            long clippedMillis = Math.min(to, e.endMillis()) - Math.max(from, e.startMillis());
            if (e.state().equals("slouched") && clippedMillis > longestMillis) {
                longestMillis = clippedMillis;
                longest = Optional.of(new EpisodeRecord(wearerId, Math.max(from, e.startMillis()),
                        Math.min(to, e.endMillis()), e.state()));
            }
        }
        List<DrillRecord> listed = day.drills().size() > MAX_DRILLS_LISTED
                ? day.drills().subList(0, MAX_DRILLS_LISTED) : day.drills();
        Today t = new Today(todayFigures, day.secondsByState(), longest, listed);
        return new HistorySummary(wearerId, zone, today, t, lastDays, thisWeek, lastWeek);
    }

    private static LocalDate mondayOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static double uprightMinutes(List<EpisodeRecord> episodes, ZoneId zone, LocalDate day) {
        long from = HistoryStore.dayStartMillis(day, zone);
        long to = HistoryStore.dayStartMillis(day.plusDays(1), zone);
        long millis = 0;
        for (EpisodeRecord e : episodes) {
            if (e.state().equals("upright")) {
                millis += Math.max(0, Math.min(to, e.endMillis()) - Math.max(from, e.startMillis()));
            }
        }
        return millis / 60_000.0;
    }

    private static DayFigures sum(List<DayFigures> days, LocalDate first, LocalDate last) {
        double monitored = 0;
        double seated = 0;
        double upright = 0;
        double slouched = 0;
        int alerts = 0;
        int delivered = 0;
        int drills = 0;
        int reps = 0;
        for (DayFigures d : days) {
            if (!d.day().isBefore(first) && !d.day().isAfter(last)) {
                monitored += d.monitoredMinutes();
                seated += d.seatedMinutes();
                upright += d.uprightMinutes();
                slouched += d.slouchedMinutes();
                alerts += d.alerts();
                delivered += d.alertsDelivered();
                drills += d.drills();
                reps += d.drillReps();
            }
        }
        return new DayFigures(first, monitored, seated, upright, slouched, alerts, delivered, drills, reps);
    }

    /** The JSON the history endpoint serves (see docs/dashboard.md). */
    String json(long generatedMillis, double cacheSeconds) {
        StringBuilder sb = new StringBuilder(2048);
        JsonWriter w = new JsonWriter(sb).beginObject()
                .name("enabled").value(true)
                .name("wearer").value(wearerId)
                .name("zone").value(zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId())
                .name("generated_ms").value(generatedMillis)
                .name("cache_s").value(cacheSeconds);
        w.name("today").beginObject();
        figures(w, day.figures());
        w.name("minutes_by_state").beginObject();
        for (Map.Entry<String, Double> e : new TreeMap<>(day.secondsByState()).entrySet()) {
            w.name(e.getKey()).value(e.getValue() / 60);
        }
        w.endObject();
        w.name("longest_slouch");
        if (day.longestSlouch().isPresent()) {
            EpisodeRecord e = day.longestSlouch().get();
            w.beginObject()
                    .name("minutes").value(e.durationMillis() / 60_000.0)
                    .name("start_ms").value(e.startMillis())
                    .name("start").value(localTime(e.startMillis()))
                    .endObject();
        } else {
            w.nullValue();
        }
        w.name("drill_list").beginArray();
        for (DrillRecord d : day.drills()) {
            w.beginObject()
                    .name("drill").value(d.drillId())
                    .name("start_ms").value(d.startMillis())
                    .name("start").value(localTime(d.startMillis()))
                    .name("reps").value(d.reps())
                    .name("prompted").value(d.prompted())
                    .name("outcome").value(d.outcome())
                    .endObject();
        }
        w.endArray().endObject();
        w.name("days").beginArray();
        for (DayFigures d : lastDays) {
            w.beginObject();
            figures(w, d);
            w.endObject();
        }
        w.endArray();
        w.name("weeks").beginObject();
        period(w, "this_week", thisWeek);
        period(w, "last_week", lastWeek);
        w.endObject();
        w.endObject();
        return sb.toString();
    }

    private static void figures(JsonWriter w, DayFigures d) {
        w.name("day").value(d.day().toString())
                .name("monitored_minutes").value(d.monitoredMinutes())
                .name("seated_minutes").value(d.seatedMinutes())
                .name("upright_minutes").value(d.uprightMinutes())
                .name("slouched_minutes").value(d.slouchedMinutes())
                .name("slouched_share").value(d.slouchedShare())
                .name("alerts").value(d.alerts())
                .name("alerts_delivered").value(d.alertsDelivered())
                .name("alerts_held_back").value(d.alertsHeldBack())
                .name("drills").value(d.drills())
                .name("drill_reps").value(d.drillReps());
    }

    private static void period(JsonWriter w, String name, Period p) {
        DayFigures d = p.total();
        w.name(name).beginObject()
                .name("from").value(p.first().toString())
                .name("to").value(p.last().toString())
                .name("monitored_minutes").value(d.monitoredMinutes())
                .name("seated_minutes").value(d.seatedMinutes())
                .name("slouched_minutes").value(d.slouchedMinutes())
                .name("slouched_share").value(d.slouchedShare())
                .name("alerts").value(d.alerts())
                .name("alerts_delivered").value(d.alertsDelivered())
                .name("drills").value(d.drills())
                .name("drill_reps").value(d.drillReps())
                .endObject();
    }

    /** ISO-8601 local time with offset, e.g. {@code 2026-03-11T09:00:00+01:00}, as the export writes it. */
    private String localTime(long millis) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochMilli(millis).atZone(zone));
    }
}
