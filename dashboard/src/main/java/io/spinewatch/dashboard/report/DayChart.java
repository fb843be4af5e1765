package io.spinewatch.dashboard.report;

import io.spinewatch.history.AlertRecord;
import io.spinewatch.history.DrillRecord;
import io.spinewatch.history.EpisodeRecord;
import io.spinewatch.history.MinuteAggregate;
import io.spinewatch.live.Angle;
import io.spinewatch.report.ReportData;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The day at a glance as inline SVG: the four angles' minute means over the day, slouch episodes shaded,
 * alerts marked above the plot, drills below it, and a ribbon of the posture states.
 */
final class DayChart {
    static final double WIDTH = 1000;
    static final double LEFT = 52;
    static final double RIGHT = 30;
    static final double TOP = 26;
    static final double PLOT_HEIGHT = 230;
    static final double RIBBON_GAP = 12;
    static final double RIBBON_HEIGHT = 20;
    static final double AXIS_HEIGHT = 26;
    static final double HEIGHT = TOP + PLOT_HEIGHT + RIBBON_GAP + RIBBON_HEIGHT + AXIS_HEIGHT;
    /** A gap in the minutes longer than this breaks the angle lines. */
    static final long LINE_BREAK_MILLIS = 2 * 60_000;

    /** Line colour and dash of each angle: distinct in grey print too. */
    static final String[][] ANGLE_STYLE = {
            {"#1b5e9e", ""},
            {"#7d3c98", "7 3"},
            {"#117a65", "2 2.5"},
            {"#3d4852", "9 3 2 3"}};

    private DayChart() {
    }

    static String render(ReportData d) {
        ZoneId zone = d.zone();
        long dayFrom = d.fromMillis();
        long dayTo = d.toMillis();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (EpisodeRecord e : d.episodes()) {
            first = Math.min(first, Math.max(dayFrom, e.startMillis()));
            last = Math.max(last, Math.min(dayTo, e.endMillis()));
        }
        for (MinuteAggregate m : d.minutes()) {
            first = Math.min(first, m.minuteStartMillis());
            last = Math.max(last, m.minuteStartMillis() + MinuteAggregate.MINUTE_MILLIS);
        }
        if (first >= last) {
            first = dayFrom;
            last = dayTo;
        }
        // Whole hours around the data, so the axis reads as clock times.
        ZonedDateTime a = Instant.ofEpochMilli(first).atZone(zone).truncatedTo(ChronoUnit.HOURS);
        ZonedDateTime b = Instant.ofEpochMilli(last).atZone(zone).truncatedTo(ChronoUnit.HOURS);
        if (b.toInstant().toEpochMilli() < last) {
            b = b.plusHours(1);
        }
        long t0 = Math.max(dayFrom, a.toInstant().toEpochMilli());
        long t1 = Math.min(dayTo, Math.max(b.toInstant().toEpochMilli(), t0 + 3_600_000));
        double lo = 0;
        double hi = 10;
        for (MinuteAggregate m : d.minutes()) {
            for (var st : m.angles().values()) {
                lo = Math.min(lo, st.meanDeg());
                hi = Math.max(hi, st.meanDeg());
            }
        }
        double step = Svg.niceStep(hi - lo, 6);
        lo = Math.floor(lo / step) * step;
        hi = Math.ceil(hi / step) * step;
        Scale x = new Scale(t0, t1, LEFT, WIDTH - RIGHT);
        Scale y = new Scale(lo, hi, TOP + PLOT_HEIGHT, TOP);

        StringBuilder s = new StringBuilder(64 * 1024);
        s.append("<svg class=\"chart\" viewBox=\"0 0 ").append(Svg.n(WIDTH)).append(' ').append(Svg.n(HEIGHT))
                .append("\" role=\"img\" aria-label=\"Angles, slouch episodes and alerts over the day\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        // slouch shading under everything
        for (EpisodeRecord e : d.episodes()) {
            if (e.state().equals("slouched")) {
                double x0 = x.at(Math.max(t0, e.startMillis()));
                double x1 = x.at(Math.min(t1, e.endMillis()));
                if (x1 > x0) {
                    s.append("<rect x=\"").append(Svg.n(x0)).append("\" y=\"").append(Svg.n(TOP)).append("\" width=\"")
                            .append(Svg.n(Math.max(0.6, x1 - x0))).append("\" height=\"").append(Svg.n(PLOT_HEIGHT))
                            .append("\" fill=\"").append(Svg.SLOUCH_SHADE).append("\"/>\n");
                }
            }
        }
        // grid and y axis
        for (double v = lo; v <= hi + step / 2; v += step) {
            double py = y.at(v);
            s.append("<line x1=\"").append(Svg.n(LEFT)).append("\" x2=\"").append(Svg.n(WIDTH - RIGHT)).append("\" y1=\"")
                    .append(Svg.n(py)).append("\" y2=\"").append(Svg.n(py)).append("\" stroke=\"")
                    .append(Math.abs(v) < step / 1000 ? "#9aa5b1" : Svg.GRID).append("\" stroke-width=\"1\"/>\n");
            s.append("<text x=\"").append(Svg.n(LEFT - 6)).append("\" y=\"").append(Svg.n(py + 4))
                    .append("\" text-anchor=\"end\" class=\"tick\">").append(Svg.f(v, step < 1 ? 1 : 0)).append("°</text>\n");
        }
        // hour ticks
        long spanHours = Math.max(1, (t1 - t0) / 3_600_000);
        int every = spanHours > 12 ? 2 : 1;
        ZonedDateTime tick = Instant.ofEpochMilli(t0).atZone(zone).truncatedTo(ChronoUnit.HOURS);
        if (tick.toInstant().toEpochMilli() < t0) {
            tick = tick.plusHours(1);
        }
        double axisY = TOP + PLOT_HEIGHT + RIBBON_GAP + RIBBON_HEIGHT;
        for (; tick.toInstant().toEpochMilli() <= t1; tick = tick.plusHours(1)) {
            if (tick.getHour() % every != 0) {
                continue;
            }
            double px = x.at(tick.toInstant().toEpochMilli());
            s.append("<line x1=\"").append(Svg.n(px)).append("\" x2=\"").append(Svg.n(px)).append("\" y1=\"").append(Svg.n(TOP))
                    .append("\" y2=\"").append(Svg.n(axisY + 4)).append("\" stroke=\"").append(Svg.GRID).append("\"/>\n");
            s.append("<text x=\"").append(Svg.n(px)).append("\" y=\"").append(Svg.n(axisY + 18))
                    .append("\" text-anchor=\"middle\" class=\"tick\">").append(String.format("%02d:00", tick.getHour())).append("</text>\n");
        }
        // angle lines: minute means, binned to a few minutes on long spans so the lines stay readable
        long binMillis = binMinutes(t1 - t0) * MinuteAggregate.MINUTE_MILLIS;
        Angle[] angles = Angle.values();
        for (int k = 0; k < angles.length; k++) {
            StringBuilder path = new StringBuilder();
            long prev = Long.MIN_VALUE;
            List<double[]> points = binnedMeans(d.minutes(), angles[k], t0, binMillis);
            for (double[] pt : points) {
                long mid = (long) pt[0];
                boolean move = prev == Long.MIN_VALUE || mid - prev > Math.max(LINE_BREAK_MILLIS, 2 * binMillis);
                path.append(move ? 'M' : 'L').append(Svg.n(x.at(mid))).append(' ').append(Svg.n(y.at(pt[1])));
                prev = mid;
            }
            if (path.length() > 0) {
                s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(ANGLE_STYLE[k][0])
                        .append("\" stroke-width=\"1.8\" stroke-linejoin=\"round\"");
                if (!ANGLE_STYLE[k][1].isEmpty()) {
                    s.append(" stroke-dasharray=\"").append(ANGLE_STYLE[k][1]).append('"');
                }
                s.append("><title>").append(Svg.esc(angles[k].label())).append("</title></path>\n");
            }
        }
        // plot frame
        s.append("<rect x=\"").append(Svg.n(LEFT)).append("\" y=\"").append(Svg.n(TOP)).append("\" width=\"")
                .append(Svg.n(WIDTH - RIGHT - LEFT)).append("\" height=\"").append(Svg.n(PLOT_HEIGHT))
                .append("\" fill=\"none\" stroke=\"#9aa5b1\"/>\n");
        // alerts above the plot: filled when delivered, hollow when held back
        for (AlertRecord al : d.alerts()) {
            if (al.tMillis() < t0 || al.tMillis() > t1) {
                continue;
            }
            double px = x.at(al.tMillis());
            String c = al.delivered() ? Svg.ALERT_COLOUR : Svg.HELD_COLOUR;
            double r = al.delivered() ? 5 : 3.5;
            s.append("<g><title>").append(Svg.esc(Times.clock(al.tMillis(), zone) + " " + al.kind()
                            + (al.delivered() ? "" : " (held back)") + ": " + al.reason())).append("</title>")
                    .append("<line x1=\"").append(Svg.n(px)).append("\" x2=\"").append(Svg.n(px)).append("\" y1=\"")
                    .append(Svg.n(TOP)).append("\" y2=\"").append(Svg.n(TOP + PLOT_HEIGHT)).append("\" stroke=\"").append(c)
                    .append("\" stroke-width=\"0.8\" stroke-opacity=\"").append(al.delivered() ? "0.55" : "0.25").append("\"/>")
                    .append("<path d=\"M").append(Svg.n(px - r)).append(' ').append(Svg.n(TOP - 3 - 2 * r)).append(" L")
                    .append(Svg.n(px + r)).append(' ').append(Svg.n(TOP - 3 - 2 * r)).append(" L").append(Svg.n(px)).append(' ')
                    .append(Svg.n(TOP - 3)).append(" Z\" fill=\"").append(al.delivered() ? c : "#ffffff")
                    .append("\" stroke=\"").append(c).append("\" stroke-width=\"1.2\"/></g>\n");
        }
        // drills along the bottom of the plot
        for (DrillRecord dr : d.drills()) {
            double x0 = x.at(Math.max(t0, dr.startMillis()));
            double x1 = x.at(Math.min(t1, dr.endMillis()));
            s.append("<g><title>").append(Svg.esc(Times.clock(dr.startMillis(), zone) + " " + dr.drillId().replace('_', ' ')
                            + ", " + dr.reps() + " reps")).append("</title><rect x=\"").append(Svg.n(x0)).append("\" y=\"")
                    .append(Svg.n(TOP + PLOT_HEIGHT - 7)).append("\" width=\"").append(Svg.n(Math.max(3, x1 - x0)))
                    .append("\" height=\"6\" rx=\"2\" fill=\"").append(Svg.colour("drill")).append("\"/></g>\n");
        }
        // state ribbon
        double ry = TOP + PLOT_HEIGHT + RIBBON_GAP;
        for (EpisodeRecord e : d.episodes()) {
            double x0 = x.at(Math.max(t0, e.startMillis()));
            double x1 = x.at(Math.min(t1, e.endMillis()));
            if (x1 <= x0) {
                continue;
            }
            s.append("<rect x=\"").append(Svg.n(x0)).append("\" y=\"").append(Svg.n(ry)).append("\" width=\"")
                    .append(Svg.n(x1 - x0 + 0.3)).append("\" height=\"").append(Svg.n(RIBBON_HEIGHT)).append("\" fill=\"")
                    .append(Svg.colour(e.state())).append("\"><title>").append(Svg.esc(Times.clock(e.startMillis(), zone)
                            + "–" + Times.clock(e.endMillis(), zone) + " " + Svg.stateName(e.state()))).append("</title></rect>\n");
        }
        s.append("<rect x=\"").append(Svg.n(LEFT)).append("\" y=\"").append(Svg.n(ry)).append("\" width=\"")
                .append(Svg.n(WIDTH - RIGHT - LEFT)).append("\" height=\"").append(Svg.n(RIBBON_HEIGHT))
                .append("\" fill=\"none\" stroke=\"#9aa5b1\"/>\n");
        s.append("<text x=\"").append(Svg.n(LEFT - 6)).append("\" y=\"").append(Svg.n(ry + 14))
                .append("\" text-anchor=\"end\" class=\"tick\">state</text>\n");
        s.append("</svg>\n");
        return s.toString();
    }

    /** Minutes averaged into one point of the angle lines: 1 up to 3 h shown, then 5, then 10. */
    /**
     * The angle's mean per bin of {@code binMillis} from {@code t0}, as {time at the bin's middle, mean} in time
     * order, bins without the angle left out. Each minute weighs by the seconds it measured the angle, so a minute
     * the wearer was there for 5 s does not count as much as a whole one; a bin whose minutes all measured 0 s (only
     * zero-length instants) gets the plain mean of their means.
     */
    static List<double[]> binnedMeans(List<MinuteAggregate> minutes, Angle angle, long t0, long binMillis) {
        List<double[]> points = new java.util.ArrayList<>();
        long bin = Long.MIN_VALUE;
        double weighted = 0;
        double seconds = 0;
        double plain = 0;
        int n = 0;
        for (MinuteAggregate m : minutes) {
            var st = m.angles().get(angle);
            if (st == null) {
                continue;
            }
            long b0 = Math.floorDiv(m.minuteStartMillis() - t0, binMillis) * binMillis + t0;
            if (b0 != bin && n > 0) {
                points.add(new double[] {bin + binMillis / 2.0, seconds > 0 ? weighted / seconds : plain / n});
                weighted = 0;
                seconds = 0;
                plain = 0;
                n = 0;
            }
            bin = b0;
            weighted += st.meanDeg() * st.measuredSeconds();
            seconds += st.measuredSeconds();
            plain += st.meanDeg();
            n++;
        }
        if (n > 0) {
            points.add(new double[] {bin + binMillis / 2.0, seconds > 0 ? weighted / seconds : plain / n});
        }
        return points;
    }

    static long binMinutes(long spanMillis) {
        double hours = spanMillis / 3_600_000.0;
        return hours <= 3 ? 1 : hours <= 10 ? 5 : 10;
    }

    /** Linear map from data to picture coordinates. */
    record Scale(double d0, double d1, double p0, double p1) {
        double at(double v) {
            return p0 + (v - d0) / (d1 - d0) * (p1 - p0);
        }
    }

    /** The legend under the chart, as HTML. */
    static String legend(List<String> states) {
        StringBuilder b = new StringBuilder("<div class=\"legend\">");
        Angle[] angles = Angle.values();
        String[] names = {"lumbar flexion", "thoracic flexion", "pelvic tilt", "trunk lean"};
        for (int k = 0; k < angles.length; k++) {
            b.append("<span><svg width=\"26\" height=\"10\" aria-hidden=\"true\"><line x1=\"1\" x2=\"25\" y1=\"5\" y2=\"5\" stroke=\"")
                    .append(ANGLE_STYLE[k][0]).append("\" stroke-width=\"2\"");
            if (!ANGLE_STYLE[k][1].isEmpty()) {
                b.append(" stroke-dasharray=\"").append(ANGLE_STYLE[k][1]).append('"');
            }
            b.append("/></svg>").append(names[k]).append("</span>");
        }
        b.append("<span><i class=\"sw\" style=\"background:").append(Svg.SLOUCH_SHADE).append("\"></i>slouch episode</span>");
        b.append("<span><svg width=\"12\" height=\"10\" aria-hidden=\"true\"><path d=\"M1 1 L11 1 L6 9 Z\" fill=\"")
                .append(Svg.ALERT_COLOUR).append("\"/></svg>alert</span>");
        b.append("<span><svg width=\"12\" height=\"10\" aria-hidden=\"true\"><path d=\"M1 1 L11 1 L6 9 Z\" fill=\"#fff\" stroke=\"")
                .append(Svg.HELD_COLOUR).append("\"/></svg>held back</span>");
        b.append("<span><i class=\"sw\" style=\"background:").append(Svg.colour("drill")).append("\"></i>drill</span>");
        b.append("</div><div class=\"legend\">");
        for (String st : states) {
            b.append("<span><i class=\"sw\" style=\"background:").append(Svg.colour(st)).append("\"></i>")
                    .append(Svg.esc(Svg.stateName(st))).append("</span>");
        }
        return b.append("</div>\n").toString();
    }
}
