package dev.berth.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Durations of one path, in the order they were measured, and their summary. */
final class Samples {

    private final String name;
    private final List<Long> nanos = new ArrayList<>();

    Samples(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    void add(long durationNanos) {
        nanos.add(durationNanos);
    }

    int count() {
        return nanos.size();
    }

    private double[] sortedMillis() {
        double[] ms = nanos.stream().mapToDouble(Samples::millis).toArray();
        Arrays.sort(ms);
        return ms;
    }

    /** The middle value; the mean of the two middle values for an even count. */
    double median() {
        double[] ms = sortedMillis();
        int n = ms.length;
        return n % 2 == 1 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
    }

    /** The nearest-rank percentile: the smallest value at least {@code percent}% of the samples do not exceed. */
    double percentile(int percent) {
        double[] ms = sortedMillis();
        int rank = (int) Math.ceil(percent / 100.0 * ms.length);
        return ms[Math.max(0, rank - 1)];
    }

    double min() {
        return sortedMillis()[0];
    }

    double max() {
        double[] ms = sortedMillis();
        return ms[ms.length - 1];
    }

    /** Every sample in measurement order, in ms with one decimal. */
    String inOrder() {
        return nanos.stream().map(n -> String.format(Locale.ROOT, "%.1f", millis(n)))
                .collect(Collectors.joining(" "));
    }

    static double millis(long nanos) {
        return nanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
    }
}
