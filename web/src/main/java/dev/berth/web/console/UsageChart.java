package dev.berth.web.console;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A unit's CPU and memory over time as a Chart.js line chart, for PrimeFaces' {@code p:chart} (which takes the
 * chart's configuration as JSON): CPU in percent of one core on the left axis, memory and its limit in MiB on the
 * right. Built with JSON-P, so that nothing in it is written by hand.
 */
public final class UsageChart {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final double MIB = 1024.0 * 1024.0;

    /** One sample as the chart draws it. */
    public record Point(Instant at, double cpuPercent, long memoryBytes, long memoryLimitBytes) {
    }

    private UsageChart() {
    }

    /** The chart of {@code points} (oldest first), their times in {@code zone}. */
    public static String of(List<Point> points, ZoneId zone) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder cpu = Json.createArrayBuilder();
        JsonArrayBuilder memory = Json.createArrayBuilder();
        JsonArrayBuilder limit = Json.createArrayBuilder();
        for (Point point : points) {
            labels.add(TIME.format(point.at().atZone(zone)));
            cpu.add(round(point.cpuPercent()));
            memory.add(round(point.memoryBytes() / MIB));
            limit.add(round(point.memoryLimitBytes() / MIB));
        }
        JsonObject config = Json.createObjectBuilder()
                .add("type", "line")
                .add("data", Json.createObjectBuilder()
                        .add("labels", labels)
                        .add("datasets", Json.createArrayBuilder()
                                .add(dataset("CPU (% of a core)", cpu, "cpu", "#2563eb", false))
                                .add(dataset("Memory (MiB)", memory, "memory", "#16a34a", false))
                                .add(dataset("Memory limit (MiB)", limit, "memory", "#9ca3af", true))))
                .add("options", Json.createObjectBuilder()
                        .add("animation", false)
                        .add("maintainAspectRatio", false)
                        .add("interaction", Json.createObjectBuilder().add("mode", "index").add("intersect", false))
                        .add("scales", Json.createObjectBuilder()
                                .add("cpu", axis("left", "CPU %"))
                                .add("memory", axis("right", "MiB")
                                        .add("grid", Json.createObjectBuilder().add("drawOnChartArea", false)))))
                .build();
        return config.toString();
    }

    private static JsonObjectBuilder dataset(String label, JsonArrayBuilder data, String axis, String color,
                                             boolean dashed) {
        JsonObjectBuilder set = Json.createObjectBuilder().add("label", label).add("data", data)
                .add("yAxisID", axis).add("borderColor", color).add("backgroundColor", color)
                .add("pointRadius", 0).add("borderWidth", dashed ? 1 : 2).add("tension", 0.2);
        if (dashed) {
            set.add("borderDash", Json.createArrayBuilder().add(6).add(4));
        }
        return set;
    }

    private static JsonObjectBuilder axis(String position, String title) {
        return Json.createObjectBuilder().add("type", "linear").add("position", position).add("beginAtZero", true)
                .add("title", Json.createObjectBuilder().add("display", true).add("text", title));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
