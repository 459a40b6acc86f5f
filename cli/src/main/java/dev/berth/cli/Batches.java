package dev.berth.cli;

import dev.berth.cli.client.Api;
import dev.berth.cli.client.ApiException;
import dev.berth.cli.output.BatchProgress;
import dev.berth.cli.output.Table;
import dev.berth.cli.output.Table.Column;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code berth batch}: many users and units changed in one request over {@code /batches}, each item applied once,
 * with its outcome. {@code apply} sends a file and follows it to the end; {@code show} and {@code list} read what was
 * sent before.
 */
@Command(name = "batch", description = {"Batches of user and unit changes (admins): apply a file, show one, list"
        + " the recent.", "Example: berth batch apply people.json"},
        subcommands = {Batches.Apply.class, Batches.Show.class, Batches.ListBatches.class})
final class Batches extends Subcommand.Group {

    /** What the API takes as a batch's id. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** How long a batch may go without any item finishing before {@code apply} stops waiting (Berth goes on). */
    static final Duration STALL = Duration.ofMinutes(10);

    static final List<Column> ITEMS = List.of(Column.of("KEY", "key"), Column.of("OP", "op"),
            Column.of("OUTCOME", "outcome"), Column.of("DETAIL", "detail"));

    static final List<Column> BATCHES = List.of(Column.of("BATCH", "batch"), Column.of("STATE", "state"),
            Column.of("TOTAL", "total"), Column.of("APPLIED", "applied"), Column.of("UNCHANGED", "unchanged"),
            Column.of("FAILED", "failed"), Column.of("PENDING", "pending"), Column.of("BY", "submittedBy"),
            Column.of("CREATED", "createdAt"));

    /** The two kinds of file a batch comes in. */
    enum Format {
        JSON("application/json"), XML("application/xml");

        final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        /** By the file's extension, else by its first character that is not blank; null when neither says. */
        static Format of(Path file, byte[] content) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".json")) {
                return JSON;
            }
            if (name.endsWith(".xml")) {
                return XML;
            }
            String text = new String(content, 0, Math.min(content.length, 512), StandardCharsets.UTF_8)
                    .replace("\uFEFF", "").stripLeading();
            return text.startsWith("{") ? JSON : text.startsWith("<") ? XML : null;
        }
    }

    /**
     * The id of a file sent without one: its name without the extension (characters an id cannot hold become
     * {@code _}) and the start of the SHA-256 of its content. The same file sent again is the same batch, which
     * Berth answers with its recorded results instead of applying it twice; a changed file is a new batch.
     */
    static String derivedId(Path file, byte[] content) {
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "").replaceAll("[^A-Za-z0-9._:-]", "_");
        if (stem.isEmpty()) {
            stem = "batch";
        }
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            return stem.substring(0, Math.min(stem.length(), 100)) + "-" + hash.substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String path(String id) {
        return "/batches/" + Api.segment(id);
    }

    /** The view without its items: one field a line. */
    static Table summary(JsonObject view) {
        JsonObjectBuilder fields = Json.createObjectBuilder(view);
        fields.remove("items");
        return Table.fields(fields.build());
    }

    @Command(name = "apply", description = {"Send a batch file (.json as POST /api/batches takes it, or the guide's"
            + " docker_user.xml) and follow it until every item has its outcome; exit 1 when any FAILED.",
            "The same id again applies nothing twice: Berth answers what it recorded.",
            "Example: berth batch apply people.json"})
    static final class Apply extends Subcommand {
        @Parameters(paramLabel = "FILE", description = "the batch: .json or .xml (else told by its content)")
        Path file;
        @Option(names = "--id", paramLabel = "ID", description = "the batch's id (default: the JSON's \"batch\","
                + " else the file's name and a hash of its content)")
        String id;
        @Option(names = "--no-wait", description = "return once Berth accepted it; berth batch show ID follows it")
        boolean noWait;

        @Override
        public Integer call() {
            if (id != null && !ID.matcher(id).matches()) {
                throw usage("--id '" + id + "' is not a batch id: 1 to 128 of A-Z a-z 0-9 . _ : -");
            }
            byte[] content = read(file);
            Format format = Format.of(file, content);
            if (format == null) {
                throw new Berth.Usage(file + " is neither .json nor .xml, and its content starts with neither { nor"
                        + " <: name it *.json or *.xml");
            }
            Api api = api();
            String batch;
            Api.Reply reply;
            if (format == Format.JSON) {
                JsonObject body = withId(parse(content), content);
                batch = body.getString("batch");
                reply = api.send("POST", "/batches", body);
            } else {
                batch = id != null ? id : derivedId(file, content);
                reply = api.send("POST", "/batches" + Api.query("batch", batch), BodyPublishers.ofByteArray(content),
                        format.contentType);
            }
            if (reply.status() == 200) {
                berth().err.println("batch " + batch + " was sent before: nothing is applied again; what it recorded"
                        + " follows");
            }
            JsonObject view = reply.object();
            if (noWait) {
                if (berth().json) {
                    printJson(reply);
                } else {
                    berth().out.print(summary(view));
                    berth().err.println("batch " + batch + " accepted; berth batch show " + batch + " follows it");
                }
                return 0;
            }
            view = finished(api, batch, view);
            if (berth().json) {
                berth().out.println(view);
            } else {
                berth().out.print(Table.of(view.getJsonArray("items"), ITEMS));
                berth().err.println("batch " + batch + ": " + BatchProgress.line(view.getInt("total"),
                        view.getInt("applied"), view.getInt("unchanged"), view.getInt("failed")));
            }
            return view.getInt("failed") == 0 ? 0 : 1;
        }

        /** The JSON with the id of {@code --id}, or its own, or one derived from the file. */
        private JsonObject withId(JsonObject json, byte[] content) {
            if (id == null && json.get("batch") instanceof JsonString) {
                return json;
            }
            return Json.createObjectBuilder(json).add("batch", id != null ? id : derivedId(file, content))
                    .build();
        }

        private JsonObject parse(byte[] content) {
            try (var reader = Json.createReader(new StringReader(new String(content, StandardCharsets.UTF_8)))) {
                JsonValue value = reader.readValue();
                if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                    throw new Berth.Usage(file + " is not a batch: a JSON object {\"batch\",\"items\"} is");
                }
                return value.asJsonObject();
            } catch (JsonException e) {
                throw new Berth.Usage(file + " is not JSON: " + e.getMessage());
            }
        }

        /** Polls the batch until it is DONE, drawing its progress; gives up when no item finished for a while. */
        private JsonObject finished(Api api, String batch, JsonObject first) {
            BatchProgress progress = new BatchProgress(berth().err, berth().interactive());
            JsonObject view = first;
            int finished = -1;
            Instant stalled = Instant.now().plus(STALL);
            while (true) {
                progress.counts(view.getInt("total"), view.getInt("applied"), view.getInt("unchanged"),
                        view.getInt("failed"));
                if ("DONE".equals(view.getString("state"))) {
                    progress.done();
                    return view;
                }
                int now = view.getInt("total") - view.getInt("pending");
                if (now != finished) {
                    finished = now;
                    stalled = Instant.now().plus(STALL);
                } else if (Instant.now().isAfter(stalled)) {
                    progress.done();
                    throw new ApiException(0, "no item of batch " + batch + " finished for " + STALL.toMinutes()
                            + " minutes; Berth goes on with it: berth batch show " + batch, List.of());
                }
                Units.pause();
                view = api.get(path(batch)).object();
            }
        }
    }

    @Command(name = "show", description = {"One batch: its state and counts, then each item's outcome.",
            "Example: berth batch show people-2026-11"})
    static final class Show extends Subcommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            Api.Reply reply = api().get(path(id));
            if (berth().json) {
                printJson(reply);
            } else {
                JsonObject view = reply.object();
                berth().out.print(summary(view));
                berth().out.println();
                berth().out.print(Table.of(view.getJsonArray("items"), ITEMS));
            }
            return 0;
        }
    }

    @Command(name = "list", description = {"The recent batches, newest first, with their state and counts.",
            "Example: berth batch list --limit 10"})
    static final class ListBatches extends Subcommand {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "at most N (default 50)")
        int limit;

        @Override
        public Integer call() {
            printList(api().get("/batches" + Api.query("limit", limit)), BATCHES);
            return 0;
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Berth.Usage("no file " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
