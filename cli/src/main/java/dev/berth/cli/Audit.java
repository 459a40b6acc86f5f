package dev.berth.cli;

import dev.berth.cli.client.Api;
import dev.berth.cli.output.Table.Column;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth audit}: the API's {@code /audit}, newest first. */
@Command(name = "audit", description = {"The audit trail, newest first (users see their own).",
        "Example: berth audit --unit 12 --limit 20"})
final class Audit extends Subcommand {

    static final List<Column> COLUMNS = List.of(Column.of("TIME", "time"), Column.of("ACTOR", "actor"),
            Column.of("ACTION", "action"), Column.of("TARGET", "target"), Column.of("OUTCOME", "outcome"),
            Column.of("DETAIL", "detail"));

    @Option(names = "--unit", paramLabel = "ID", description = "only this unit's records")
    Long unit;
    @Option(names = "--owner", paramLabel = "NAME", description = "only records of this user (and their units)")
    String owner;
    @Option(names = "--limit", paramLabel = "N", description = "at most N records, 1..1000 (default 100)")
    Integer limit;

    @Override
    public Integer call() {
        printList(api().get("/audit" + Api.query("unit", unit, "user", owner, "limit", limit)), COLUMNS);
        return 0;
    }
}
