package dev.berth.cli;

import dev.berth.cli.client.Api;
import dev.berth.cli.output.Table;
import dev.berth.cli.output.Table.Column;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth hosts ...}: the API's {@code /hosts}. */
@Command(name = "hosts", description = "Hosts: list, show, create (define), update, enroll, cleanup, delete.",
        subcommands = {Hosts.ListHosts.class, Hosts.Show.class, Hosts.Create.class, Hosts.Update.class,
                Hosts.Enroll.class, Hosts.Cleanup.class, Hosts.Delete.class})
final class Hosts extends Subcommand.Group {

    static final List<Column> COLUMNS = List.of(Column.of("NAME", "name"), Column.of("ADDRESS", "address"),
            Column.of("STATE", "state"),
            new Column("PORTS", h -> Table.text(h.get("portMin")) + "-" + Table.text(h.get("portMax"))),
            Column.of("CPUS", "cpus"), Column.of("DOCKER", "dockerVersion"), Column.of("ENROLLED", "enrolled"),
            Column.of("RTT-MS", "rttMillis"), Column.of("LAST-SEEN", "lastSeen"));

    @Command(name = "list", description = "Every host, as its agent last reported it.")
    static final class ListHosts extends Subcommand {
        @Override
        public Integer call() {
            printList(api().get("/hosts"), COLUMNS);
            return 0;
        }
    }

    @Command(name = "show", description = "One host, every field.")
    static final class Show extends Subcommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            printObject(api().get("/hosts/" + Api.segment(name)));
            return 0;
        }
    }

    /** The settings of docker_server.xml an admin gives a host. */
    static final class Settings {
        @Option(names = "--address", description = "the IPv4 address its units are reached at")
        String address;
        @Option(names = "--share-dir", description = "mounted read-only at /share in its units")
        String shareDir;
        @Option(names = "--port-min", description = "the lowest port its units may use")
        Integer portMin;
        @Option(names = "--port-max", description = "the highest port its units may use")
        Integer portMax;
        @Option(names = "--manager", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
                description = "the guide's NodeType manager (one host at most)")
        Boolean manager;
        @Option(names = "--comm-port", description = "the guide's communication port, kept for export")
        Integer commPort;

        JsonObjectBuilder json() {
            JsonObjectBuilder body = Json.createObjectBuilder();
            Users.addIf(body, "address", address);
            Users.addIf(body, "shareDir", shareDir);
            if (portMin != null) {
                body.add("portMin", portMin);
            }
            if (portMax != null) {
                body.add("portMax", portMax);
            }
            if (manager != null) {
                body.add("manager", manager);
            }
            if (commPort != null) {
                body.add("commPort", commPort);
            }
            return body;
        }
    }

    @Command(name = "create", aliases = "define", description = {"Define a host before its agent reports (admin).",
            "Example: berth hosts create h2 --address 192.168.0.12 --port-min 8200 --port-max 8299"})
    static final class Create extends Subcommand {
        @Parameters(paramLabel = "NAME")
        String name;
        @picocli.CommandLine.Mixin
        Settings settings = new Settings();

        @Override
        public Integer call() {
            printObject(api().send("POST", "/hosts", settings.json().add("name", name).build()));
            return 0;
        }
    }

    @Command(name = "update", description = "Change a host's settings (admin): PUT /hosts/NAME with the options"
            + " given.")
    static final class Update extends Subcommand {
        @Parameters(paramLabel = "NAME")
        String name;
        @picocli.CommandLine.Mixin
        Settings settings = new Settings();

        @Override
        public Integer call() {
            printObject(api().send("PUT", "/hosts/" + Api.segment(name), settings.json().build()));
            return 0;
        }
    }

    @Command(name = "enroll", description = {"Issue the host's agent its broker account (admin); again: re-keyed, the"
            + " old password revoked. The password is shown this once,", "or with --save written to FILE (owner-only)"
            + " for the agent's BERTH_BROKER_AGENT_PASSWORD_FILE."})
    static final class Enroll extends Subcommand {
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--save", paramLabel = "FILE", description = "write the password to FILE, not to the screen")
        Path save;

        @Override
        public Integer call() {
            Api.Reply reply = api().send("POST", "/hosts/" + Api.segment(name) + "/enrollment", (JsonValue) null);
            JsonObject account = reply.object();
            if (save == null) {
                printObject(reply);
                return 0;
            }
            writeOwnerOnly(save, account.getString("password") + "\n");
            JsonObject shown = Json.createObjectBuilder(account).remove("password")
                    .add("passwordFile", save.toString()).build();
            printObject(new Api.Reply(reply.status(), shown.toString()));
            return 0;
        }
    }

    @Command(name = "cleanup", description = {"What a clean-up of the host would remove (admin): previous containers"
            + " left behind by updates,", "and images made for Berth that no container and no unit uses; with"
            + " --apply, remove them.", "Example: berth hosts cleanup h1 --apply"})
    static final class Cleanup extends Subcommand {
        static final List<Column> ITEMS = List.of(Column.of("KIND", "kind"), Column.of("NAME", "name"),
                Column.of("ID", "id"), new Column("SIZE", i -> megabytes(i.getJsonNumber("bytes").longValue())),
                Column.of("FATE", "fate"), Column.of("NOTE", "note"));

        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--apply", description = "remove them (default: only list them)")
        boolean apply;

        @Override
        public Integer call() {
            String path = "/hosts/" + Api.segment(name) + "/cleanup";
            Api.Reply reply = apply ? api().send("POST", path, (JsonValue) null) : api().get(path);
            if (berth().json) {
                printJson(reply);
                return 0;
            }
            JsonObject cleanup = reply.object();
            var items = cleanup.getJsonArray("items");
            berth().out.print(Table.of(items, ITEMS));
            long bytes = items.stream().map(JsonValue::asJsonObject)
                    .filter(i -> !"KEPT".equals(i.getString("fate")))
                    .mapToLong(i -> i.getJsonNumber("bytes").longValue()).sum();
            note(items.isEmpty() ? "host " + name + ": nothing to clean up"
                    : "host " + name + ": " + (apply ? "freed " : "would free ") + megabytes(bytes)
                    + (apply ? "" : "; run again with --apply to remove them"));
            return 0;
        }

        static String megabytes(long bytes) {
            return String.format(Locale.ROOT, "%.1fMB", bytes / 1_000_000.0);
        }
    }

    @Command(name = "delete", description = "Remove a host without units and revoke its agent's account (admin).")
    static final class Delete extends Subcommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            api().delete("/hosts/" + Api.segment(name));
            note("host " + name + " deleted");
            return 0;
        }
    }

    /** Writes a secret into a file only its owner may read, replacing the file whole. */
    static void writeOwnerOnly(Path file, String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temporary = Files.createTempFile(dir, "." + file.getFileName(), ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temporary, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
                Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
