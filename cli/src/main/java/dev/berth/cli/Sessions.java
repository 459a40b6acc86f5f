package dev.berth.cli;

import dev.berth.cli.client.Api;
import dev.berth.cli.client.ApiException;
import dev.berth.cli.output.Table;
import dev.berth.cli.output.Table.Column;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth login} and {@code berth logout}: the API's {@code /sessions}, a client's session. */
final class Sessions {

    static final List<Column> UNITS = List.of(Column.of("ID", "id"), Column.of("HOST", "host"),
            Column.of("ENDPOINT", "endpoint"), Column.of("STATE", "state"),
            new Column("STARTED", unit -> unit.getBoolean("startedBySession", false) ? "yes" : "joined"),
            Column.of("NOTE", "note"));

    private Sessions() {
    }

    @Command(name = "login", description = {"Log in as a client: your units start (or are joined when they run),"
            + " accept connections from this machine, and their ip:port endpoints are printed; the esProc client's"
            + " raqsoftConfig.xml and unitServer.xml are written to DIR.",
            "One session per user name: while another lives, the login is refused (or takes it over, as Berth is"
                    + " configured).",
            "Exit code 0 once every unit runs and accepts this machine, 1 otherwise (the session stays open).",
            "Example: berth --user aaa login --out ~/esproc/config --keep"})
    static final class Login extends Subcommand {
        @Option(names = "--out", paramLabel = "DIR", description = "where the two files go (default: the current"
                + " directory)")
        Path out = Path.of(".");
        @Option(names = "--keep", description = "keep the session alive until Ctrl-C, then log out")
        boolean keep;

        @Override
        public Integer call() throws InterruptedException {
            Api api = api();
            Api.Reply opened = api.send("POST", "/sessions?wait=true", (JsonValue) null);
            JsonObject session = opened.object();
            String id = session.getString("id");
            List<Path> written = write(session);
            if (berth().json) {
                printJson(opened);
            } else {
                berth().out.print(Table.of(session.getJsonArray("units"), UNITS));
            }
            note("session " + id + " of " + session.getString("user") + " from " + session.getString("clientAddress")
                    + "; files: " + written.stream().map(Path::toString).toList());
            boolean ready = session.getBoolean("ready", false);
            if (!ready) {
                berth().err.println("berth: not every unit runs and accepts this machine yet (see STATE and NOTE);"
                        + " the session stays open: berth logout ends it");
            }
            if (!keep) {
                return ready ? 0 : 1;
            }
            return keepAlive(api, session);
        }

        /** Keeps the session alive, a third of its expiry apart, until Ctrl-C (then logs out) or it ends. */
        private int keepAlive(Api api, JsonObject session) throws InterruptedException {
            String path = "/sessions/" + Api.segment(session.getString("id"));
            Duration interval = interval(session);
            Thread logout = new Thread(() -> {
                try {
                    api.delete(path);
                    berth().err.println("logged out of session " + session.getString("id"));
                } catch (ApiException e) {
                    berth().err.println("berth: " + e.getMessage());
                }
            }, "berth-logout");
            Runtime.getRuntime().addShutdownHook(logout);
            note("keeping the session alive every " + interval.toSeconds() + " s; Ctrl-C logs out");
            try {
                while (true) {
                    Thread.sleep(interval.toMillis());
                    api.send("PUT", path, (JsonValue) null);
                }
            } catch (ApiException ended) {
                Runtime.getRuntime().removeShutdownHook(logout);
                berth().err.println("berth: " + ended.getMessage());
                return 1;
            }
        }

        private List<Path> write(JsonObject session) {
            JsonValue files = session.get("files");
            if (files == null || files.getValueType() != JsonValue.ValueType.OBJECT) {
                return List.of();
            }
            try {
                Files.createDirectories(out);
                List<Path> written = new ArrayList<>();
                for (Map.Entry<String, JsonValue> file : files.asJsonObject().entrySet()) {
                    Path target = out.resolve(Path.of(file.getKey()).getFileName());
                    Files.writeString(target, ((JsonString) file.getValue()).getString(), StandardCharsets.UTF_8);
                    written.add(target);
                }
                return written;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A third of the session's expiry (its {@code expiresAt} after its {@code lastSeen}), at least a second. */
    static Duration interval(JsonObject session) {
        Duration expiry = Duration.between(Instant.parse(session.getString("lastSeen")),
                Instant.parse(session.getString("expiresAt")));
        return Duration.ofMillis(Math.max(1000, expiry.toMillis() / 3));
    }

    @Command(name = "logout", description = {"End your client session: the units it started stop, the others no"
            + " longer accept its machine.", "Without ID: your live session, whichever machine it came from."})
    static final class Logout extends Subcommand {
        @Parameters(paramLabel = "ID", arity = "0..1", description = "the session (an admin: anyone's)")
        String id;

        @Override
        public Integer call() {
            Api api = api();
            List<String> ids;
            if (id != null) {
                ids = List.of(id);
            } else {
                String me = api.login().user();
                ids = api.get("/sessions").array().stream().map(JsonValue::asJsonObject)
                        .filter(session -> session.getString("user").equals(me))
                        .map(session -> session.getString("id")).toList();
                if (ids.isEmpty()) {
                    note("no live session of " + me);
                    return 0;
                }
            }
            for (String session : ids) {
                Api.Reply ended = api.delete("/sessions/" + Api.segment(session));
                if (berth().json) {
                    printJson(ended);
                } else {
                    note("session " + session + " ended (" + ended.object().getString("endReason", "") + ")");
                }
            }
            return 0;
        }
    }
}
