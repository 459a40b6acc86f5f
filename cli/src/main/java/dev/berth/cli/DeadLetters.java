package dev.berth.cli;

import dev.berth.cli.client.Api;
import dev.berth.cli.output.Table.Column;
import jakarta.json.JsonValue;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth dead-letters ...}: the API's {@code /dead-letters}, messages kept in the DLQ (admin). */
@Command(name = "dead-letters", description = {"Messages the manager or an agent could not understand or apply,"
        + " kept in the broker's DLQ (admin): list, replay, discard."},
        subcommands = {DeadLetters.ListLetters.class, DeadLetters.Replay.class, DeadLetters.Discard.class})
final class DeadLetters extends Subcommand.Group {

    static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("ORIGIN", "origin"),
            Column.of("TYPE", "type"), Column.of("COMMAND", "commandId"), Column.of("AT", "at"),
            Column.of("DELIVERIES", "deliveryCount"), Column.of("REASON", "reason"));

    @Command(name = "list", description = "The dead letters, oldest first (at most 500); --json shows their bodies.")
    static final class ListLetters extends Subcommand {
        @Override
        public Integer call() {
            printList(api().get("/dead-letters"), COLUMNS);
            return 0;
        }
    }

    @Command(name = "replay", description = {"Put a dead letter back on the queue it came from (audited).",
            "Example: berth dead-letters replay 4b0e8f2a-9c1d-11f0-8a3e-0242ac110002"})
    static final class Replay extends Subcommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            Api.Reply replayed = api().send("POST", "/dead-letters/" + Api.segment(id) + "/replay",
                    (JsonValue) null);
            if (berth().json) {
                printJson(replayed);
            } else {
                note("dead letter " + id + " replayed to " + replayed.object().getString("origin"));
            }
            return 0;
        }
    }

    @Command(name = "discard", description = "Remove a dead letter for good (audited).")
    static final class Discard extends Subcommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            api().delete("/dead-letters/" + Api.segment(id));
            note("dead letter " + id + " discarded");
            return 0;
        }
    }
}
