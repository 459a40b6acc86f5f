package dev.berth.cli;

import dev.berth.cli.client.Api;
import dev.berth.cli.output.Table.Column;
import jakarta.json.JsonObject;
import java.io.FileNotFoundException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The admin guide's files: {@code berth import} and {@code berth export} over {@code /import} and {@code /export}. */
final class LegacyFiles {

    private LegacyFiles() {
    }

    /** The three files: docker_user.xml, docker_server.xml, esProc's unitServer.xml. */
    enum Kind {
        users, servers, unitserver
    }

    static final List<Column> CHANGES = List.of(Column.of("LINE", "line"), Column.of("KIND", "kind"),
            Column.of("NAME", "name"), Column.of("ACTION", "action"), Column.of("DETAIL", "detail"));

    @Command(name = "import", description = {"Import docker_user.xml (users), docker_server.xml (servers) or a"
            + " unitServer.xml (unitserver) (admin).", "A dry run showing the changes unless --apply (then all or"
            + " nothing); a refused file lists every problem by line.",
            "Example: berth import users docker_user.xml --apply"})
    static final class Import extends Subcommand {
        @Parameters(index = "0", paramLabel = "KIND", description = "users, servers or unitserver")
        Kind kind;
        @Parameters(index = "1", paramLabel = "FILE")
        Path file;
        @Option(names = "--apply", description = "make the changes (else only show them)")
        boolean apply;
        @Option(names = "--host", paramLabel = "NAME", description = "servers: the host the file describes")
        String host;
        @Option(names = "--of", paramLabel = "USER", description = "unitserver: the user whose units it lists")
        String of;

        @Override
        public Integer call() {
            Api api = api();
            Api.Reply reply;
            try {
                reply = api.send("POST", "/import" + Api.query("kind", kind, "dryRun", !apply, "host", host,
                        "user", of), BodyPublishers.ofFile(file), "application/xml");
            } catch (FileNotFoundException e) {
                throw new Berth.Usage("no file " + file);
            }
            if (berth().json) {
                printJson(reply);
                return 0;
            }
            JsonObject answer = reply.object();
            berth().out.print(dev.berth.cli.output.Table.of(answer.getJsonArray("changes"), CHANGES));
            berth().err.println(answer.getBoolean("dryRun")
                    ? "dry run: nothing was written; run again with --apply to make these changes"
                    : "applied: " + answer.getJsonArray("changes").size() + " change(s) written");
            return 0;
        }
    }

    @Command(name = "export", description = {"Write Berth's state as one of the guide's files, to standard output"
            + " (admin; unitserver: also the user).", "Example: berth export servers --host h1 > docker_server.xml"})
    static final class Export extends Subcommand {
        @Parameters(index = "0", paramLabel = "KIND", description = "users, servers or unitserver")
        Kind kind;
        @Option(names = "--host", paramLabel = "NAME", description = "servers: the host")
        String host;
        @Option(names = "--of", paramLabel = "USER", description = "unitserver: the user")
        String of;

        @Override
        public Integer call() {
            String xml = api().get("/export/" + kind + Api.query("host", host, "user", of)).body();
            berth().out.print(xml.endsWith("\n") ? xml : xml + "\n");
            return 0;
        }
    }
}
