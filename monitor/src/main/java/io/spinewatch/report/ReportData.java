package io.spinewatch.report;

import io.spinewatch.history.AlertRecord;
import io.spinewatch.history.DrillRecord;
import io.spinewatch.history.EpisodeRecord;
import io.spinewatch.history.HistoryRecord;
import io.spinewatch.history.HistoryStore;
import io.spinewatch.history.MinuteAggregate;
import io.spinewatch.posture.PostureState;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report shows for one wearer and a period of local days (one day or a week): the period's
 * episodes, alerts, drills and minute aggregates, and the per-day trend over the ISO week(s) around it.
 * Built from the store ({@link #fromStore}) or from records in memory ({@link #of}, for a replay).
 */
public record ReportData(String wearerId, ZoneId zone, LocalDate first, LocalDate last,
                         List<EpisodeRecord> episodes, List<AlertRecord> alerts, List<DrillRecord> drills,
                         List<MinuteAggregate> minutes, List<DaySummary> trend) {

    public ReportData {
        HistoryRecord.requireWearerId(wearerId);
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("period ends before it starts: " + first + ".." + last);
        }
        episodes = List.copyOf(episodes);
        alerts = List.copyOf(alerts);
        drills = List.copyOf(drills);
        minutes = List.copyOf(minutes);
        trend = List.copyOf(trend);
    }

    /**
     * The report for {@code first..last} from records in memory. The records may cover more than the
     * period: the trend uses all of them over the Monday-to-Sunday weeks that hold the period; the
     * period's own lists keep what overlaps it.
     */
    public static ReportData of(String wearerId, ZoneId zone, LocalDate first, LocalDate last,
                                List<EpisodeRecord> episodes, List<AlertRecord> alerts, List<DrillRecord> drills,
                                List<MinuteAggregate> minutes) {
        long from = HistoryStore.dayStartMillis(first, zone);
        long to = HistoryStore.dayStartMillis(last.plusDays(1), zone);
        List<EpisodeRecord> ep = new ArrayList<>();
        for (EpisodeRecord e : episodes) {
            if (e.wearerId().equals(wearerId) && e.startMillis() < to && e.endMillis() > from) {
                ep.add(e);
            }
        }
        ep.sort(Comparator.comparingLong(EpisodeRecord::startMillis));
        List<AlertRecord> al = new ArrayList<>();
        for (AlertRecord a : alerts) {
            if (a.wearerId().equals(wearerId) && a.tMillis() >= from && a.tMillis() < to) {
                al.add(a);
            }
        }
        al.sort(Comparator.comparingLong(AlertRecord::tMillis));
        List<DrillRecord> dr = new ArrayList<>();
        for (DrillRecord d : drills) {
            if (d.wearerId().equals(wearerId) && d.startMillis() >= from && d.startMillis() < to) {
                dr.add(d);
            }
        }
        dr.sort(Comparator.comparingLong(DrillRecord::startMillis));
        List<MinuteAggregate> mi = new ArrayList<>();
        for (MinuteAggregate m : minutes) {
            if (m.wearerId().equals(wearerId) && m.minuteStartMillis() >= from && m.minuteStartMillis() < to) {
                mi.add(m);
            }
        }
        mi.sort(Comparator.comparingLong(MinuteAggregate::minuteStartMillis));
        mi = oneRowPerMinute(mi);
        List<DaySummary> trend = new ArrayList<>();
        for (LocalDate d = trendStart(first); !d.isAfter(trendEnd(last)); d = d.plusDays(1)) {
            trend.add(summarise(wearerId, zone, d, episodes, alerts, drills));
        }
        return new ReportData(wearerId, zone, first, last, ep, al, dr, mi, trend);
    }

    /**
     * The sorted minutes with the parts of a minute merged ({@link MinuteAggregate#merge}): the store keeps one
     * row per minute, but records handed in from elsewhere may hold one minute in parts, and the chart must draw
     * it once, its mean weighted by the seconds behind each part.
     */
    private static List<MinuteAggregate> oneRowPerMinute(List<MinuteAggregate> sorted) {
        List<MinuteAggregate> out = new ArrayList<>(sorted.size());
        for (MinuteAggregate m : sorted) {
            int last = out.size() - 1;
            if (last >= 0 && out.get(last).minuteStartMillis() == m.minuteStartMillis()) {
                out.set(last, MinuteAggregate.merge(out.get(last), m));
            } else {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The same from a mix of records (episodes, alerts, drills, minute aggregates; zones are ignored), as a
     * {@link io.spinewatch.history.WearerHistory} hands them out: for a report from a replay, without a store.
     */
    public static ReportData ofRecords(String wearerId, ZoneId zone, LocalDate first, LocalDate last,
                                       List<? extends HistoryRecord> records) {
        List<EpisodeRecord> ep = new ArrayList<>();
        List<AlertRecord> al = new ArrayList<>();
        List<DrillRecord> dr = new ArrayList<>();
        List<MinuteAggregate> mi = new ArrayList<>();
        for (HistoryRecord r : records) {
            // A WearerZone is skipped: the zone is given.
            if (r instanceof EpisodeRecord e) {
                ep.add(e);
            } else if (r instanceof AlertRecord a) {
                al.add(a);
            } else if (r instanceof DrillRecord d) {
                dr.add(d);
            } else if (r instanceof MinuteAggregate m) {
                mi.add(m);
            }
        }
        return of(wearerId, zone, first, last, ep, al, dr, mi);
    }

    /** Reads what the report needs from the store (the wearer's zone from the store, UTC when none). */
    public static ReportData fromStore(HistoryStore store, String wearerId, LocalDate first, LocalDate last)
            throws SQLException {
        ZoneId zone = store.zoneOrUtc(wearerId);
        long from = HistoryStore.dayStartMillis(trendStart(first), zone);
        long to = HistoryStore.dayStartMillis(trendEnd(last).plusDays(1), zone);
        long periodFrom = HistoryStore.dayStartMillis(first, zone);
        long periodTo = HistoryStore.dayStartMillis(last.plusDays(1), zone);
        return of(wearerId, zone, first, last, store.episodes(wearerId, from, to), store.alerts(wearerId, from, to),
                store.drills(wearerId, from, to), store.minutes(wearerId, periodFrom, periodTo));
    }

    static LocalDate trendStart(LocalDate first) {
        return first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    static LocalDate trendEnd(LocalDate last) {
        return last.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
    }

    private static DaySummary summarise(String wearerId, ZoneId zone, LocalDate day, List<EpisodeRecord> episodes,
                                        List<AlertRecord> alerts, List<DrillRecord> drills) {
        long from = HistoryStore.dayStartMillis(day, zone);
        long to = HistoryStore.dayStartMillis(day.plusDays(1), zone);
        Map<String, Double> s = secondsByState(wearerId, episodes, from, to);
        double tracked = 0;
        double seated = 0;
        for (Map.Entry<String, Double> e : s.entrySet()) {
            tracked += e.getValue();
            if (isSeated(e.getKey())) {
                seated += e.getValue();
            }
        }
        int n = 0;
        int delivered = 0;
        for (AlertRecord a : alerts) {
            if (a.wearerId().equals(wearerId) && a.tMillis() >= from && a.tMillis() < to) {
                n++;
                delivered += a.delivered() ? 1 : 0;
            }
        }
        int dn = 0;
        int reps = 0;
        for (DrillRecord d : drills) {
            if (d.wearerId().equals(wearerId) && d.startMillis() >= from && d.startMillis() < to) {
                dn++;
                reps += d.reps();
            }
        }
        return new DaySummary(day, tracked / 60, seated / 60, s.getOrDefault("slouched", 0.0) / 60, n, delivered, dn, reps);
    }

    /** True for states in which the wearer sits (the monitor's seated states, and drills done seated). */
    static boolean isSeated(String state) {
        return state.equals(PostureState.UPRIGHT.label()) || state.equals(PostureState.SLOUCHED.label())
                || state.equals(PostureState.LEANING.label()) || state.equals("drill");
    }

    private static Map<String, Double> secondsByState(String wearerId, List<EpisodeRecord> episodes, long from, long to) {
        Map<String, Double> s = new LinkedHashMap<>();
        for (EpisodeRecord e : episodes) {
            if (!e.wearerId().equals(wearerId)) {
                continue;
            }
            long a = Math.max(from, e.startMillis());
            long b = Math.min(to, e.endMillis());
            if (b > a) {
                s.merge(e.state(), (b - a) / 1000.0, Double::sum);
            }
        }
        return s;
    }

    /** True when the period is a single day. */
    public boolean isDay() {
        return first.equals(last);
    }

    /** UTC millis where the period begins. */
    public long fromMillis() {
        return HistoryStore.dayStartMillis(first, zone);
    }

    /** UTC millis where the period ends (exclusive). */
    public long toMillis() {
        return HistoryStore.dayStartMillis(last.plusDays(1), zone);
    }

    /** Seconds per state over the period, episodes clipped to it, in the order first met. */
    public Map<String, Double> secondsByState() {
        return Collections.unmodifiableMap(secondsByState(wearerId, episodes, fromMillis(), toMillis()));
    }

    /** Minutes slouched in the period. */
    public double slouchedMinutes() {
        return secondsByState().getOrDefault("slouched", 0.0) / 60;
    }

    /** Minutes in any state in the period. */
    public double trackedMinutes() {
        return secondsByState().values().stream().mapToDouble(Double::doubleValue).sum() / 60;
    }

    /** Minutes seated (upright, slouched, leaning, seated drills) in the period. */
    public double seatedMinutes() {
        double s = 0;
        for (Map.Entry<String, Double> e : secondsByState().entrySet()) {
            s += isSeated(e.getKey()) ? e.getValue() : 0;
        }
        return s / 60;
    }

    /** The longest single slouch in the period, in minutes (clipped to the period). */
    public double longestSlouchMinutes() {
        long best = 0;
        for (EpisodeRecord e : episodes) {
            if (e.state().equals("slouched")) {
                best = Math.max(best, Math.min(toMillis(), e.endMillis()) - Math.max(fromMillis(), e.startMillis()));
            }
        }
        return best / 60_000.0;
    }

    /** Alerts that reached the wearer in the period. */
    public long alertsDelivered() {
        return alerts.stream().filter(AlertRecord::delivered).count();
    }
}
