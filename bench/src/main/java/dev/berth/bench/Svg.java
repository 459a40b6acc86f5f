package dev.berth.bench;

import java.util.List;
import java.util.Locale;

/**
 * The report's plots, as plain SVG written here: horizontal bars, one per path, the median as the bar and the p95
 * as a whisker beyond it. Enough to compare a path with its baseline at a glance.
 */
final class Svg {

    /** One bar: its label, the median and the p95 (NaN: no whisker). */
    record Bar(String label, double median, double p95) {
    }

    private static final int LABEL_WIDTH = 300;
    private static final int PLOT_WIDTH = 420;
    private static final int ROW = 30;
    private static final int TOP = 40;

    private Svg() {
    }

    static String bars(String title, String unit, List<Bar> bars) {
        double max = bars.stream().mapToDouble(b -> Double.isNaN(b.p95()) ? b.median() : Math.max(b.median(),
                b.p95())).max().orElse(1);
        double scale = max <= 0 ? 1 : PLOT_WIDTH / max;
        int height = TOP + ROW * bars.size() + 30;
        int width = LABEL_WIDTH + PLOT_WIDTH + 110;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        out.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        out.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"22\" font-size=\"14\" font-weight=\"bold\">%s"
                + "</text>%n", escape(title)));
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = TOP + i * ROW;
            double w = Math.max(1, bar.median() * scale);
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LABEL_WIDTH - 8, y + 15, escape(bar.label())));
            out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"20\""
                    + " fill=\"%s\"/>%n", LABEL_WIDTH, y, w, i == 0 ? "#2b6cb0" : "#a0aec0"));
            double end = LABEL_WIDTH + w;
            if (!Double.isNaN(bar.p95()) && bar.p95() > bar.median()) {
                double x = LABEL_WIDTH + bar.p95() * scale;
                out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
                        + " stroke=\"black\"/>%n", end, y + 10, x, y + 10));
                out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\""
                        + " stroke=\"black\"/>%n", x, y + 4, x, y + 16));
                end = x;
            }
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n", end + 6, y + 15,
                    escape(Section.figure(bar.median(), unit))));
        }
        out.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" fill=\"#555\">bar: median; whisker: p95"
                + "</text>%n", height - 10));
        out.append("</svg>\n");
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
