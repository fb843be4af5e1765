package io.spinewatch.dashboard.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Minutes per posture state as horizontal bars in inline SVG, with minutes and share written beside each. */
final class StateBars {
    static final double WIDTH = 520;
    static final double LABEL = 104;
    static final double VALUE = 130;
    static final double ROW = 30;

    private StateBars() {
    }

    /** The states present, in the report's order, then any others. */
    static List<String> ordered(Map<String, Double> seconds) {
        List<String> out = new ArrayList<>();
        for (String s : Svg.STATE_ORDER) {
            if (seconds.getOrDefault(s, 0.0) > 0) {
                out.add(s);
            }
        }
        for (Map.Entry<String, Double> e : seconds.entrySet()) {
            if (!out.contains(e.getKey()) && e.getValue() > 0) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    static String render(Map<String, Double> seconds) {
        List<String> states = ordered(seconds);
        double total = 0;
        double most = 0;
        for (String s : states) {
            total += seconds.get(s);
            most = Math.max(most, seconds.get(s));
        }
        double height = Math.max(1, states.size()) * ROW + 6;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"chart bars\" viewBox=\"0 0 ").append(Svg.n(WIDTH)).append(' ').append(Svg.n(height))
                .append("\" role=\"img\" aria-label=\"Minutes per posture state\" xmlns=\"http://www.w3.org/2000/svg\">\n");
        if (states.isEmpty()) {
            b.append("<text x=\"0\" y=\"20\" class=\"tick\">No posture recorded.</text>\n");
        }
        double barMax = WIDTH - LABEL - VALUE;
        for (int i = 0; i < states.size(); i++) {
            String s = states.get(i);
            double sec = seconds.get(s);
            double y = 3 + i * ROW;
            double w = most > 0 ? sec / most * barMax : 0;
            b.append("<text x=\"").append(Svg.n(LABEL - 10)).append("\" y=\"").append(Svg.n(y + 18))
                    .append("\" text-anchor=\"end\" class=\"label\">").append(Svg.esc(Svg.stateName(s))).append("</text>\n");
            b.append("<rect x=\"").append(Svg.n(LABEL)).append("\" y=\"").append(Svg.n(y + 4)).append("\" width=\"")
                    .append(Svg.n(Math.max(1, w))).append("\" height=\"").append(Svg.n(ROW - 10)).append("\" rx=\"2\" fill=\"")
                    .append(Svg.colour(s)).append("\"").append(s.equals("no_signal") ? " stroke=\"#9aa5b1\"" : "").append("/>\n");
            b.append("<text x=\"").append(Svg.n(LABEL + w + 8)).append("\" y=\"").append(Svg.n(y + 18)).append("\" class=\"value\">")
                    .append(Svg.esc(Svg.duration(sec / 60))).append(" <tspan class=\"muted\">")
                    .append(Svg.f(total > 0 ? 100 * sec / total : 0, 0)).append(" %</tspan></text>\n");
        }
        return b.append("</svg>\n").toString();
    }
}
