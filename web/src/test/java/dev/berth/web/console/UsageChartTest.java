package dev.berth.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageChartTest {

    @Test
    void drawsCpuOnTheLeftAndMemoryWithItsLimitInMibOnTheRight() {
        String json = UsageChart.of(List.of(
                new UsageChart.Point(Instant.parse("2026-11-29T10:00:00Z"), 12.345, 50L * 1024 * 1024, 64L << 20),
                new UsageChart.Point(Instant.parse("2026-11-29T10:00:10Z"), 100, 3L * 512 * 1024, 64L << 20)),
                ZoneOffset.UTC);

        JsonObject config = Json.createReader(new StringReader(json)).readObject();
        JsonObject data = config.getJsonObject("data");
        assertEquals("line", config.getString("type"));
        assertEquals("[\"10:00:00\",\"10:00:10\"]", data.getJsonArray("labels").toString());
        var sets = data.getJsonArray("datasets");
        assertEquals("[12.3,100.0]", sets.getJsonObject(0).getJsonArray("data").toString());
        assertEquals("cpu", sets.getJsonObject(0).getString("yAxisID"));
        assertEquals("[50.0,1.5]", sets.getJsonObject(1).getJsonArray("data").toString());
        assertEquals("[64.0,64.0]", sets.getJsonObject(2).getJsonArray("data").toString());
        assertEquals("memory", sets.getJsonObject(2).getString("yAxisID"));
        assertEquals("right", config.getJsonObject("options").getJsonObject("scales").getJsonObject("memory")
                .getString("position"));
    }

    @Test
    void anEmptyHistoryIsAnEmptyChart() {
        JsonObject config = Json.createReader(new StringReader(UsageChart.of(List.of(), ZoneOffset.UTC)))
                .readObject();
        assertEquals(0, config.getJsonObject("data").getJsonArray("labels").size());
    }
}
