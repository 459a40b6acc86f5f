package dev.berth.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiTest {

    @Test
    void buildsQueriesOfTheGivenValuesOnlyEncoded() {
        assertThat(Api.query("unit", 12, "user", null, "limit", 5)).isEqualTo("?unit=12&limit=5");
        assertThat(Api.query("since", "2026-11-29T10:00:00+01:00"))
                .isEqualTo("?since=2026-11-29T10%3A00%3A00%2B01%3A00");
        assertThat(Api.query("user", null)).isEmpty();
        assertThat(Api.segment("a b/c")).isEqualTo("a%20b%2Fc");
    }

    @Test
    void findsBerthFromTheEnvironment() {
        assertThat(Api.baseUrl(Map.of())).isEqualTo("http://localhost:8080/api");
        assertThat(Api.baseUrl(Map.of("BERTH_HTTP_PORT", "8081"))).isEqualTo("http://localhost:8081/api");
        assertThat(Api.baseUrl(Map.of("BERTH_URL", "https://berth:8443/api", "BERTH_HTTP_PORT", "1")))
                .isEqualTo("https://berth:8443/api");
    }
}
