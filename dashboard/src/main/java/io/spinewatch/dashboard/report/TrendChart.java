package io.spinewatch.dashboard.report;

import io.spinewatch.report.DaySummary;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * The week per day as inline SVG: slouched minutes as bars (on the left axis), alerts as dots joined by a
 * line (on the right axis), a day report's own day highlighted.
 */
final class TrendChart {
    static final double WIDTH = 1000;
    static final double LEFT = 52;
    static final double RIGHT = 52;
    static final double TOP = 22;
    static final double PLOT = 170;
    static final double BOTTOM = 40;
    static final double HEIGHT = TOP + PLOT + BOTTOM;
    static final String BAR = "#e0703c";
    static final String ALERT_LINE = "#3d4852";

    private TrendChart() {
    }

    static String render(List<DaySummary> days, LocalDate first, LocalDate last) {
        double maxMin = 10;
        int maxAlerts = 4;
        for (DaySummary d : days) {
            maxMin = Math.max(maxMin, d.slouchedMinutes());
            maxAlerts = Math.max(maxAlerts, d.alerts());
        }
        double stepMin = Svg.niceStep(maxMin, 4);
        maxMin = Math.ceil(maxMin / stepMin) * stepMin;
        int stepAlerts = (int) Math.max(1, Svg.niceStep(maxAlerts, 4));
        maxAlerts = (int) Math.ceil((double) maxAlerts / stepAlerts) * stepAlerts;
        double col = (WIDTH - LEFT - RIGHT) / Math.max(1, days.size());
        double base = TOP + PLOT;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"chart\" viewBox=\"0 0 ").append(Svg.n(WIDTH)).append(' ').append(Svg.n(HEIGHT))
                .append("\" role=\"img\" aria-label=\"Slouched minutes and alerts per day\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        for (int i = 0; i < days.size(); i++) {
            LocalDate d = days.get(i).day();
            // A day report marks its day within the week; a week report has nothing to single out.
            if (first.equals(last) && d.equals(first)) {
                s.append("<rect x=\"").append(Svg.n(LEFT + i * col)).append("\" y=\"").append(Svg.n(TOP - 14)).append("\" width=\"")
                        .append(Svg.n(col)).append("\" height=\"").append(Svg.n(PLOT + 14)).append("\" fill=\"#f1f5f9\"/>\n");
            }
        }
        for (double v = 0; v <= maxMin + stepMin / 2; v += stepMin) {
            double y = base - v / maxMin * PLOT;
            s.append("<line x1=\"").append(Svg.n(LEFT)).append("\" x2=\"").append(Svg.n(WIDTH - RIGHT)).append("\" y1=\"").append(Svg.n(y))
                    .append("\" y2=\"").append(Svg.n(y)).append("\" stroke=\"").append(v == 0 ? "#9aa5b1" : Svg.GRID).append("\"/>\n");
            s.append("<text x=\"").append(Svg.n(LEFT - 6)).append("\" y=\"").append(Svg.n(y + 4)).append("\" text-anchor=\"end\" class=\"tick\">")
                    .append(Svg.f(v, 0)).append("</text>\n");
        }
        for (int v = 0; v <= maxAlerts; v += stepAlerts) {
            double y = base - (double) v / maxAlerts * PLOT;
            s.append("<text x=\"").append(Svg.n(WIDTH - RIGHT + 6)).append("\" y=\"").append(Svg.n(y + 4)).append("\" class=\"tick\">")
                    .append(v).append("</text>\n");
        }
        s.append("<text x=\"").append(Svg.n(LEFT - 6)).append("\" y=\"").append(Svg.n(TOP - 8))
                .append("\" text-anchor=\"end\" class=\"tick\">min</text>\n");
        s.append("<text x=\"").append(Svg.n(WIDTH - RIGHT + 6)).append("\" y=\"").append(Svg.n(TOP - 8))
                .append("\" class=\"tick\">alerts</text>\n");
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < days.size(); i++) {
            DaySummary d = days.get(i);
            double cx = LEFT + (i + 0.5) * col;
            double bw = Math.min(70, col * 0.42);
            if (d.trackedMinutes() > 0) {
                double h = d.slouchedMinutes() / maxMin * PLOT;
                s.append("<rect x=\"").append(Svg.n(cx - bw / 2)).append("\" y=\"").append(Svg.n(base - h)).append("\" width=\"")
                        .append(Svg.n(bw)).append("\" height=\"").append(Svg.n(Math.max(0.5, h))).append("\" rx=\"2\" fill=\"")
                        .append(BAR).append("\"><title>").append(Svg.f(d.slouchedMinutes(), 0)).append(" min slouched of ")
                        .append(Svg.f(d.seatedMinutes(), 0)).append(" min seated</title></rect>\n");
                s.append("<text x=\"").append(Svg.n(cx)).append("\" y=\"").append(Svg.n(base - h - 5))
                        .append("\" text-anchor=\"middle\" class=\"value\">").append(Svg.f(d.slouchedMinutes(), 0)).append("</text>\n");
                double ay = base - (double) d.alerts() / maxAlerts * PLOT;
                line.append(line.length() == 0 ? 'M' : 'L').append(Svg.n(cx + bw / 2 + 10)).append(' ').append(Svg.n(ay));
            } else {
                s.append("<text x=\"").append(Svg.n(cx)).append("\" y=\"").append(Svg.n(base - 6))
                        .append("\" text-anchor=\"middle\" class=\"tick\">no data</text>\n");
            }
            s.append("<text x=\"").append(Svg.n(cx)).append("\" y=\"").append(Svg.n(base + 17)).append("\" text-anchor=\"middle\" class=\"label\">")
                    .append(d.day().getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).append("</text>\n");
            s.append("<text x=\"").append(Svg.n(cx)).append("\" y=\"").append(Svg.n(base + 32)).append("\" text-anchor=\"middle\" class=\"tick\">")
                    .append(d.day().getDayOfMonth()).append(' ')
                    .append(d.day().getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)).append("</text>\n");
        }
        if (line.length() > 0) {
            s.append("<path d=\"").append(line).append("\" fill=\"none\" stroke=\"").append(ALERT_LINE)
                    .append("\" stroke-width=\"1.4\" stroke-dasharray=\"4 3\"/>\n");
        }
        for (int i = 0; i < days.size(); i++) {
            DaySummary d = days.get(i);
            if (d.trackedMinutes() <= 0) {
                continue;
            }
            double cx = LEFT + (i + 0.5) * col + Math.min(70, col * 0.42) / 2 + 10;
            double ay = base - (double) d.alerts() / maxAlerts * PLOT;
            s.append("<circle cx=\"").append(Svg.n(cx)).append("\" cy=\"").append(Svg.n(ay)).append("\" r=\"4.5\" fill=\"")
                    .append(ALERT_LINE).append("\"><title>").append(d.alerts()).append(" alerts, ").append(d.alertsDelivered())
                    .append(" delivered</title></circle>\n");
            s.append("<text x=\"").append(Svg.n(cx + 8)).append("\" y=\"").append(Svg.n(ay + 4)).append("\" class=\"tick\">")
                    .append(d.alerts()).append("</text>\n");
        }
        return s.append("</svg>\n").toString();
    }

    /** The legend under the chart, as HTML. */
    static String legend() {
        return "<div class=\"legend\"><span><i class=\"sw\" style=\"background:" + BAR + "\"></i>minutes slouched (left axis)</span>"
                + "<span><svg width=\"26\" height=\"10\" aria-hidden=\"true\"><line x1=\"1\" x2=\"25\" y1=\"5\" y2=\"5\" stroke=\""
                + ALERT_LINE + "\" stroke-width=\"1.4\" stroke-dasharray=\"4 3\"/><circle cx=\"13\" cy=\"5\" r=\"3.5\" fill=\""
                + ALERT_LINE + "\"/></svg>alerts due, delivered or held back (right axis)</span></div>\n";
    }
}
