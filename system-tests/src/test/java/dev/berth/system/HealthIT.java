package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MicroProfile Health: {@code /health/ready} says whether Berth can take work (the launcher waits on it), and tells an
 * anonymous caller each check's name and status, nothing more.
 */
@ExtendWith(RunningBerth.class)
class HealthIT {

    private final RunningBerth berth;

    HealthIT(RunningBerth berth) {
        this.berth = berth;
    }

    @Test
    void isReadyWithTheDatabaseTheBrokerAndTheLocalAgentUp() throws Exception {
        HttpResponse<String> ready = anonymous("/health/ready");

        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonObject health = Json.createReader(new StringReader(ready.body())).readObject();
        assertThat(health.getString("status")).isEqualTo("UP");
        Map<String, String> checks = health.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c.getString("status")));
        assertThat(checks).containsEntry("database", "UP").containsEntry("broker", "UP")
                .containsEntry("local-agent", "UP");
        assertThat(ready.body()).doesNotContain(berth.adminPassword()).doesNotContain(berth.brokerPassword("manager"))
                .doesNotContain(berth.dataDir().toString());
        assertThat(anonymous("/health/live").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> anonymous(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(berth.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
