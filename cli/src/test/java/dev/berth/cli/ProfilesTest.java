package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.cli.output.Table;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code berth profiles}: what it sends and shows, without a Berth. */
class ProfilesTest {

    private static final String ANALYSTS = """
            {"name":"analysts","default":false,"memory":"2g","memoryBytes":2147483648,"cpuShares":2048,
             "maxUnits":4,"maxMemory":null,"allowedClients":["127.0.0.0/8"],"allowedClientsDefault":true,
             "groups":["analysts","finance"],"users":["ddd","eee"],"createdAt":"2026-11-29T10:00:00Z"}""";

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void changesOnlyWhatIsGivenAndKeepsTheDefaultNetworks() {
        Profiles.Limits limits = new Profiles.Limits();
        limits.memory = "4g";
        limits.groups = List.of("analysts");

        JsonObject body = limits.over(json(ANALYSTS)).build();

        assertThat(body.getString("memory")).isEqualTo("4g");
        assertThat(body.getInt("cpuShares")).isEqualTo(2048);
        assertThat(body.getInt("maxUnits")).isEqualTo(4);
        assertThat(body.containsKey("maxMemory")).isFalse();
        // the networks were the default's: the profile keeps having none of its own
        assertThat(body.containsKey("allowedClients")).isFalse();
        assertThat(body.getJsonArray("groups").getString(0)).isEqualTo("analysts");
        assertThat(body.getJsonArray("groups")).hasSize(1);
    }

    @Test
    void listsProfilesWithTheirGroupsAndHowManyUsers() {
        JsonArray list = Json.createReader(new StringReader("[" + ANALYSTS + "]")).readArray();

        assertThat(Table.of(list, Profiles.COLUMNS).lines()).containsExactly(
                "NAME      DEFAULT  MEMORY  CPU-SHARES  MAX-UNITS  MAX-MEMORY  GROUPS            USERS",
                "analysts  false    2g      2048        4          -           analysts,finance  2");
    }

    @Test
    void refusesANewProfileWithoutMemoryAndShares() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Berth.execute(new Berth(Map.of("BERTH_URL", "http://127.0.0.1:1/api", "BERTH_PASSWORD", "x"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), null),
                "profiles", "create", "p", "--memory", "1g");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--memory and --cpu-shares");
    }
}
