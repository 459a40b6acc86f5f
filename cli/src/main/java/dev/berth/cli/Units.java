package dev.berth.cli;

import dev.berth.cli.client.Api;
import dev.berth.cli.client.ApiException;
import dev.berth.cli.output.Table;
import dev.berth.cli.output.Table.Column;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth units ...}: the API's {@code /units}. */
@Command(name = "units", description = "Units: list, show, create, start, stop, delete, logs, restart-policy.",
        subcommands = {Units.ListUnits.class, Units.Show.class, Units.Create.class, Units.Start.class,
                Units.Stop.class, Units.Delete.class, Units.Logs.class, Units.RestartPolicy.class})
final class Units extends Subcommand.Group {

    static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("USER", "user"),
            Column.of("HOST", "host"), Column.of("ADDRESS", "address"), Column.of("PORT", "port"),
            Column.of("IMAGE", "image"), Column.of("STATE", "state"), Column.of("DESIRED", "desiredState"),
            new Column("OBSERVED", Units::observed), Column.of("RESTART", "restartPolicy"));

    /** What the agent last saw: RUNNING, EXITED(137,OOM), MISSING, UNKNOWN; - when never. */
    static String observed(JsonObject unit) {
        if (!(unit.get("observed") instanceof JsonObject seen)) {
            return "-";
        }
        String state = seen.getString("state", "-");
        if (!"EXITED".equals(state)) {
            return state;
        }
        String code = seen.get("exitCode") instanceof JsonNumber number ? number.toString() : "?";
        return state + "(" + code + (seen.getBoolean("oomKilled", false) ? ",OOM" : "") + ")";
    }

    @Command(name = "restart-policy", description = {"Choose a unit's restart policy (its owner or an admin):"
            + " never, on-failure, always, or default (the admins' default).",
            "Example: berth units restart-policy 12 always"})
    static final class RestartPolicy extends Subcommand {
        @Parameters(index = "0", paramLabel = "ID")
        long id;
        @Parameters(index = "1", paramLabel = "POLICY")
        String policy;

        @Override
        public Integer call() {
            printObject(api().send("PUT", "/units/" + id + "/restart-policy",
                    Json.createObjectBuilder().add("policy", policy).build()));
            return 0;
        }
    }

    /** Longer than a command may stay unanswered before Berth expires it (120 s by default). */
    static final Duration WAIT = Duration.ofMinutes(3);

    @Command(name = "list", description = "Every unit you may see (an admin: all).")
    static final class ListUnits extends Subcommand {
        @Override
        public Integer call() {
            printList(api().get("/units"), COLUMNS);
            return 0;
        }
    }

    @Command(name = "show", description = "One unit, every field (lastError says why it FAILED).")
    static final class Show extends Subcommand {
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            printObject(api().get("/units/" + id));
            return 0;
        }
    }

    @Command(name = "create", description = {"Define a unit of a user on a host (admin).",
            "Example: berth units create --owner aaa --host h1 --port 8281"})
    static final class Create extends Subcommand {
        @Option(names = "--owner", required = true, paramLabel = "NAME", description = "the user it belongs to")
        String owner;
        @Option(names = "--host", required = true, description = "the host it runs on")
        String host;
        @Option(names = "--port", required = true, description = "its port, 1024..65535, unique on the host")
        int port;
        @Option(names = "--image", description = "its image (default: Berth's, the esProc node)")
        String image;

        @Override
        public Integer call() {
            JsonObjectBuilder body = Json.createObjectBuilder().add("user", owner).add("host", host).add("port", port);
            Users.addIf(body, "image", image);
            printObject(api().send("POST", "/units", body.build()));
            return 0;
        }
    }

    /** start, stop and delete: 202 with a command; with {@code --wait}, its outcome. */
    abstract static class Lifecycle extends Subcommand {
        @Parameters(paramLabel = "ID")
        long id;
        @Option(names = {"-w", "--wait"}, description = "wait until the agent has done it (up to 3 minutes)")
        boolean await;

        abstract Api.Reply request(Api api);

        abstract String verb();

        @Override
        public Integer call() {
            Api api = api();
            Api.Reply accepted = request(api);
            String command = accepted.object().getString("command");
            if (!await) {
                if (berth().json) {
                    printJson(accepted);
                } else {
                    note("unit " + id + ": " + verb() + " accepted (command " + command + ")");
                }
                return 0;
            }
            JsonObject outcome = finished(api, command);
            String state = outcome.getString("state");
            if (berth().json) {
                printJson(new Api.Reply(200, outcome.toString()));
            } else {
                note("unit " + id + ": " + verb() + " " + state + (outcome.get("result") == null
                        || outcome.isNull("result") ? "" : ": " + Table.text(outcome.get("result"))));
            }
            return "SUCCEEDED".equals(state) ? 0 : 1;
        }

        private JsonObject finished(Api api, String command) {
            Instant deadline = Instant.now().plus(WAIT);
            while (true) {
                JsonObject state = api.get("/commands/" + Api.segment(command)).object();
                if (!"PENDING".equals(state.getString("state"))) {
                    return state;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new ApiException(0, "command " + command + " is still PENDING after " + WAIT.toMinutes()
                            + " minutes", List.of());
                }
                pause();
            }
        }
    }

    @Command(name = "start", description = "Start a unit (its owner or an admin).")
    static final class Start extends Lifecycle {
        @Override
        Api.Reply request(Api api) {
            return api.send("POST", "/units/" + id + "/start", (JsonValue) null);
        }

        @Override
        String verb() {
            return "start";
        }
    }

    @Command(name = "stop", description = "Stop a unit (its owner or an admin).")
    static final class Stop extends Lifecycle {
        @Override
        Api.Reply request(Api api) {
            return api.send("POST", "/units/" + id + "/stop", (JsonValue) null);
        }

        @Override
        String verb() {
            return "stop";
        }
    }

    @Command(name = "delete", description = "Delete a unit and its container (its owner or an admin).")
    static final class Delete extends Lifecycle {
        @Override
        Api.Reply request(Api api) {
            return api.delete("/units/" + id);
        }

        @Override
        String verb() {
            return "delete";
        }
    }

    @Command(name = "logs", description = {"The unit's container log, like docker logs; with -f new lines as they"
            + " come, until the unit stops (or Ctrl-C).", "Example: berth units logs 12 --tail 20 -f"})
    static final class Logs extends Subcommand {
        @Parameters(paramLabel = "ID")
        long id;
        @Option(names = {"-f", "--follow"}, description = "keep reading new lines")
        boolean follow;
        @Option(names = {"-n", "--tail"}, paramLabel = "N|all", description = "the last N lines (default 100)")
        String tail;
        @Option(names = "--since", paramLabel = "WHEN", description = "Unix seconds, RFC 3339, or a duration: 10m")
        String since;
        @Option(names = {"-t", "--timestamps"}, description = "each line with its time")
        boolean timestamps;

        @Override
        public Integer call() {
            String path = "/units/" + id + "/logs" + Api.query("tail", tail, "since", since,
                    "timestamps", timestamps ? "true" : null, "follow", follow ? "true" : null);
            try (InputStream log = api().stream(path)) {
                byte[] buffer = new byte[8192];
                int n;
                while ((n = log.read(buffer)) >= 0) {
                    berth().out.write(buffer, 0, n);
                    berth().out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return 0;
        }
    }

    static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "interrupted", List.of());
        }
    }
}
