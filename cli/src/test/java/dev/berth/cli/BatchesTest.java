package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.cli.output.BatchProgress;
import dev.berth.cli.output.Table;
import jakarta.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth batch}: what it makes of its file and options before any call, and how it draws a batch's progress. */
class BatchesTest {

    /** Nothing listens on port 1: a call that gets that far fails with exit code 1. */
    private static final Map<String, String> NOWHERE = Map.of("BERTH_URL", "http://127.0.0.1:1/api",
            "BERTH_PASSWORD", "not-used-secret");

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Berth.execute(new Berth(NOWHERE, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]), null), args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void drawsABarOnATerminalAndPlainLinesElsewhereEachOnlyWhenTheCountsChange() {
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        BatchProgress bar = new BatchProgress(new PrintStream(terminal, true, StandardCharsets.UTF_8), true);
        bar.counts(40, 0, 0, 0);
        bar.counts(40, 10, 1, 1);
        bar.counts(40, 10, 1, 1);
        bar.done();

        assertThat(terminal.toString(StandardCharsets.UTF_8)).isEqualTo(
                "\r[..............................] 0/40 applied 0 unchanged 0 failed 0"
                        + "\r[#########.....................] 12/40 applied 10 unchanged 1 failed 1\n");

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BatchProgress lines = new BatchProgress(new PrintStream(log, true, StandardCharsets.UTF_8), false);
        lines.counts(2, 0, 0, 0);
        lines.counts(2, 0, 0, 0);
        lines.counts(2, 1, 0, 1);
        lines.done();

        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo(
                "0/2 applied 0 unchanged 0 failed 0\n2/2 applied 1 unchanged 0 failed 1\n");
        assertThat(BatchProgress.bar(0, 0)).isEqualTo("[" + "#".repeat(30) + "]");
    }

    @Test
    void tellsJsonFromXmlByTheExtensionElseByTheContent() {
        byte[] json = " \n{\"batch\":\"b\"}".getBytes(StandardCharsets.UTF_8);
        byte[] xml = "\uFEFF<?xml version=\"1.0\"?><Users/>".getBytes(StandardCharsets.UTF_8);

        assertThat(Batches.Format.of(Path.of("people.JSON"), xml)).isEqualTo(Batches.Format.JSON);
        assertThat(Batches.Format.of(Path.of("docker_user.xml"), json)).isEqualTo(Batches.Format.XML);
        assertThat(Batches.Format.of(Path.of("people.txt"), json)).isEqualTo(Batches.Format.JSON);
        assertThat(Batches.Format.of(Path.of("people"), xml)).isEqualTo(Batches.Format.XML);
        assertThat(Batches.Format.of(Path.of("people.txt"), "name,memory".getBytes(StandardCharsets.UTF_8)))
                .isNull();
    }

    @Test
    void derivesTheSameIdFromTheSameFileAndAnotherFromAChangedOne() {
        byte[] content = "<Users/>".getBytes(StandardCharsets.UTF_8);

        String id = Batches.derivedId(Path.of("/srv/feeds/docker user (HR).xml"), content);

        assertThat(id).matches("docker_user__HR_-[0-9a-f]{16}").matches(Batches.ID);
        assertThat(Batches.derivedId(Path.of("docker user (HR).xml"), content)).isEqualTo(id);
        assertThat(Batches.derivedId(Path.of("docker user (HR).xml"), "<Users> </Users>".getBytes(
                StandardCharsets.UTF_8))).isNotEqualTo(id);
        assertThat(Batches.derivedId(Path.of("x".repeat(300) + ".xml"), content)).hasSize(117).matches(Batches.ID);
    }

    @Test
    void aFileThatIsNotABatchIsAUsageErrorAndCallsNothing() throws IOException {
        Path csv = Files.writeString(dir.resolve("people.csv"), "name,memory\naaa,500m\n");
        Path broken = Files.writeString(dir.resolve("people.json"), "{\"batch\":\"b\",\"items\":[");
        Path array = Files.writeString(dir.resolve("items.json"), "[]");

        Run neither = run("batch", "apply", csv.toString());
        Run notJson = run("batch", "apply", broken.toString());
        Run notObject = run("batch", "apply", array.toString());
        Run missing = run("batch", "apply", dir.resolve("gone.json").toString());

        assertThat(neither.exit()).isEqualTo(2);
        assertThat(neither.err()).contains("name it *.json or *.xml").doesNotContain("does not answer");
        assertThat(notJson.exit()).isEqualTo(2);
        assertThat(notJson.err()).contains("people.json is not JSON");
        assertThat(notObject.exit()).isEqualTo(2);
        assertThat(notObject.err()).contains("is not a batch");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no file");
    }

    @Test
    void anIdTheApiWouldRefuseIsAUsageError() throws IOException {
        Path file = Files.writeString(dir.resolve("b.json"), "{\"items\":[]}");

        Run run = run("batch", "apply", file.toString(), "--id", "no spaces/here");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--id 'no spaces/here' is not a batch id");
        assertThat(run("batch", "show").exit()).isEqualTo(2);
        assertThat(run("batch").err()).contains("name a command: apply, show, list");
    }

    @Test
    void aGoodFileGetsAsFarAsCallingBerth() throws IOException {
        Path file = Files.writeString(dir.resolve("b.json"), "{\"items\":[]}");

        Run run = run("batch", "apply", file.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("Berth does not answer at http://127.0.0.1:1/api");
    }

    @Test
    void showsEachItemsOutcomeAndTheBatchesCounts() {
        var view = Json.createReader(new StringReader("""
                {"batch":"b1","state":"DONE","total":2,"applied":1,"unchanged":0,"failed":1,"pending":0,
                 "submittedBy":"admin","createdAt":"2026-11-30T03:00:00Z",
                 "items":[{"key":"u1","op":"user.upsert","outcome":"APPLIED","detail":null},
                          {"key":"s1","op":"unit.start","outcome":"FAILED","detail":"no unit of aaa on h1:8281"}]}
                """)).readObject();

        assertThat(Table.of(view.getJsonArray("items"), Batches.ITEMS).lines()).containsExactly(
                "KEY  OP           OUTCOME  DETAIL",
                "u1   user.upsert  APPLIED  -",
                "s1   unit.start   FAILED   no unit of aaa on h1:8281");
        assertThat(Batches.summary(view).lines()).contains("state        DONE").noneMatch(l -> l.startsWith("items"));
        assertThat(Table.of(Json.createArrayBuilder().add(view).build(), Batches.BATCHES).lines().get(1))
                .isEqualTo("b1     DONE   2      1        0          1       0        admin  2026-11-30T03:00:00Z");
    }
}
