package dev.berth.cli;

import dev.berth.cli.client.Api;
import dev.berth.cli.client.ApiException;
import dev.berth.cli.client.CountedUpload;
import dev.berth.cli.output.Progress;
import dev.berth.cli.output.Table;
import dev.berth.cli.output.Table.Column;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code berth load-image FILE [HOST|all]}: uploads an image tar ({@code docker save}) with a progress bar, then
 * follows each target host's load until none is PENDING. Exit code 1 unless every host SUCCEEDED.
 */
@Command(name = "load-image", description = {"Load an image tar (docker save) onto one host or all (admin), showing"
        + " the upload's progress and each host's load.", "Example: berth load-image esproc.tar all"})
final class LoadImage extends Subcommand {

    /** As long as a load may take on a slow host before the launcher gives up waiting (not the load itself). */
    static final Duration WAIT = Duration.ofMinutes(30);

    static final List<Column> COLUMNS = List.of(Column.of("HOST", "host"), Column.of("STATE", "state"),
            new Column("IMAGES/ERROR", l -> Table.text(l.get("error")).equals("-") ? Table.text(l.get("images"))
                    : Table.text(l.get("error"))));

    @Parameters(index = "0", paramLabel = "FILE", description = "the tar, as docker save writes it")
    Path file;
    @Parameters(index = "1", arity = "0..1", paramLabel = "HOST|all", defaultValue = "all",
            description = "where (default: all)")
    String target;

    @Override
    public Integer call() {
        if (!Files.isReadable(file)) {
            throw new Berth.Usage("no readable file " + file);
        }
        Api api = api();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Progress progress = new Progress(berth().err, berth().interactive(), "uploading " + file.getFileName(),
                size);
        JsonObject accepted = api.upload("/images" + Api.query("host", target),
                CountedUpload.of(file, progress::sent), "application/x-tar").object();
        String upload = accepted.getString("upload");
        berth().err.println("upload " + upload + " accepted; loading on "
                + accepted.getJsonArray("commands").size() + " host(s)");
        JsonArray loads = settled(api, upload);
        if (berth().json) {
            printJson(new Api.Reply(200, loads.toString()));
        } else {
            berth().out.print(Table.of(loads, COLUMNS));
        }
        return loads.stream().allMatch(l -> "SUCCEEDED".equals(l.asJsonObject().getString("state"))) ? 0 : 1;
    }

    /** Polls the upload's loads until none is PENDING, telling each host's change of state on standard error. */
    private JsonArray settled(Api api, String upload) {
        Map<String, String> shown = new HashMap<>();
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            JsonArray loads = api.get("/images/loads/" + Api.segment(upload)).array();
            boolean pending = false;
            for (JsonValue value : loads) {
                JsonObject load = value.asJsonObject();
                String host = load.getString("host");
                String state = load.getString("state");
                pending |= "PENDING".equals(state);
                if (!state.equals(shown.put(host, state))) {
                    berth().err.println("  " + host + ": " + state);
                }
            }
            if (!pending) {
                return loads;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ApiException(0, "the loads of upload " + upload + " are still PENDING after "
                        + WAIT.toMinutes() + " minutes; see berth audit", List.of());
            }
            Units.pause();
        }
    }
}
