package dev.berth.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One section of the report ({@code P1/P2}, {@code P3}, ...): what was measured, its figures (median and p95 of each
 * path, the baseline among them), the goal and whether it was met, notes (a breakdown where a goal is missed) and
 * the section's own text block and plot, if any. A section that could not be measured in this build says why.
 */
final class Section {

    /** One measured path: medians and p95 in {@code unit}; NaN where a figure does not apply. */
    record Row(String what, double median, double p95, String unit) {
    }

    /** A goal and whether it was met; {@code met} null when it could not be decided. */
    record Verdict(String figure, String goal, Boolean met) {
    }

    final String id;
    final String title;
    String measured = "";
    String notMeasured;
    final List<Row> rows = new ArrayList<>();
    final List<Verdict> verdicts = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    String text;
    String plot;

    Section(String id, String title) {
        this.id = id;
        this.title = title;
    }

    Section measured(String what) {
        this.measured = what;
        return this;
    }

    Section row(String what, double median, double p95, String unit) {
        rows.add(new Row(what, median, p95, unit));
        return this;
    }

    Section row(String what, Samples samples, String unit) {
        return samples.count() == 0 ? this : row(what, samples.median(), samples.percentile(95), unit);
    }

    Section verdict(String figure, String goal, Boolean met) {
        verdicts.add(new Verdict(figure, goal, met));
        return this;
    }

    Section note(String note) {
        notes.add(note);
        return this;
    }

    /** The section could not be measured: why (e.g. the endpoint does not exist in this build). */
    Section notMeasured(String why) {
        this.notMeasured = why;
        return this;
    }

    /** The section as markdown, headed {@code ## id title}. */
    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(id).append(": ").append(title).append("\n\n");
        if (!measured.isEmpty()) {
            out.append(measured).append("\n\n");
        }
        if (notMeasured != null) {
            out.append("**Not measured in this build:** ").append(notMeasured).append("\n\n");
        }
        if (!rows.isEmpty()) {
            out.append("| path | median | p95 |\n|---|---:|---:|\n");
            for (Row row : rows) {
                out.append("| ").append(row.what()).append(" | ").append(figure(row.median(), row.unit()))
                        .append(" | ").append(figure(row.p95(), row.unit())).append(" |\n");
            }
            out.append('\n');
        }
        if (!verdicts.isEmpty()) {
            out.append("| figure | goal | met |\n|---|---|---|\n");
            for (Verdict v : verdicts) {
                out.append("| ").append(v.figure()).append(" | ").append(v.goal()).append(" | ")
                        .append(met(v.met())).append(" |\n");
            }
            out.append('\n');
        }
        for (String note : notes) {
            out.append("* ").append(note).append('\n');
        }
        if (!notes.isEmpty()) {
            out.append('\n');
        }
        if (plot != null) {
            out.append("![").append(id).append("](").append(plot).append(")\n\n");
        }
        if (text != null && !text.isBlank()) {
            out.append("<details><summary>details</summary>\n\n```\n").append(text.strip()).append("\n```\n\n")
                    .append("</details>\n\n");
        }
        return out.toString();
    }

    static String met(Boolean met) {
        return met == null ? "not decided" : met ? "**yes**" : "**no**";
    }

    static String figure(double value, String unit) {
        if (Double.isNaN(value)) {
            return "";
        }
        String format = Math.abs(value) >= 100 ? "%.0f %s" : Math.abs(value) >= 10 ? "%.1f %s" : "%.2f %s";
        return String.format(Locale.ROOT, format, value, unit).trim();
    }
}
