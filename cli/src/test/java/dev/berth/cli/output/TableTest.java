package dev.berth.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.cli.output.Table.Column;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

    private static JsonArray json(String text) {
        return Json.createReader(new StringReader(text)).readArray();
    }

    @Test
    void alignsColumnsCountingWideCharactersTwice() {
        JsonArray users = json("""
                [{"name":"aaa","alias":"张三","memory":"500m"},{"name":"bbbbbb","alias":"Bob","memory":null}]""");

        List<String> lines = Table.of(users, List.of(Column.of("NAME", "name"), Column.of("ALIAS", "alias"),
                Column.of("MEMORY", "memory"))).lines();

        assertThat(lines).containsExactly(
                "NAME    ALIAS  MEMORY",
                "aaa     张三   500m",
                "bbbbbb  Bob    -");
    }

    @Test
    void showsArraysCommaSeparatedAndKeepsEachRowOnOneLine() {
        JsonArray rows = json("""
                [{"nets":["10.0.0.0/8","127.0.0.0/8"],"error":"line one\\nline two\\tend","none":[]}]""");

        List<String> lines = Table.of(rows, List.of(Column.of("NETS", "nets"), Column.of("ERROR", "error"),
                Column.of("NONE", "none"), Column.of("ABSENT", "absent"))).lines();

        assertThat(lines.get(1)).isEqualTo("10.0.0.0/8,127.0.0.0/8  line one line two end  -     -");
    }

    @Test
    void fieldsShowsAnObjectOneFieldALine() {
        String text = Table.fields(Json.createReader(new StringReader("""
                {"id":12,"state":"RUNNING","lastError":null}""")).readObject()).toString();

        assertThat(text).isEqualTo("id         12\nstate      RUNNING\nlastError  -\n");
    }

    @Test
    void progressWithoutATerminalIsALineAtEveryTenth() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), false, "uploading x.tar",
                4 * 1024 * 1024);

        for (long sent = 0; sent <= 4 * 1024 * 1024; sent += 64 * 1024) {
            progress.sent(sent);
        }

        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).isEqualTo("uploading x.tar   0% 0 B of 4.0 MiB");
        assertThat(lines.get(10)).isEqualTo("uploading x.tar 100% 4.0 MiB of 4.0 MiB");
    }

    @Test
    void progressOnATerminalRedrawsOneBar() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(err, true, StandardCharsets.UTF_8), true, "up", 100);

        progress.sent(50);
        progress.sent(100);

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("\rup [###############...............]  50%"
                + " 50 B of 100 B\rup [##############################] 100% 100 B of 100 B\n");
    }
}
