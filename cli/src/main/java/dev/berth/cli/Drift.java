package dev.berth.cli;

import dev.berth.cli.client.Api;
import dev.berth.cli.output.Table;
import dev.berth.cli.output.Table.Column;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth drift}: the API's {@code /drift}, and {@code berth drift repair}: its {@code /drift/repair}. */
@Command(name = "drift", description = {"Drift of the ONLINE hosts (admins): containers labelled as Berth's without a"
        + " unit, units whose container is missing, exited or made from other settings, held ports, stale DNAT rules.",
        "Example: berth drift --host h1"},
        subcommands = Drift.Repair.class)
final class Drift extends Subcommand {

    static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("HOST", "host"),
            Column.of("KIND", "kind"), Column.of("UNIT", "unit"), Column.of("PORT", "port"),
            new Column("REPAIR", f -> f.get("repair") == null || f.get("repair").getValueType()
                    == JsonValue.ValueType.NULL ? "none: " + Table.text(f.get("noRepair"))
                    : Table.text(f.get("repair"))),
            Column.of("DETAIL", "detail"));
    static final List<Column> OUTCOMES = List.of(Column.of("ID", "id"), Column.of("HOST", "host"),
            Column.of("KIND", "kind"), Column.of("UNIT", "unit"), Column.of("STATUS", "status"),
            Column.of("DETAIL", "detail"));

    @Option(names = "--host", paramLabel = "NAME", description = "only this host")
    String host;

    @Override
    public Integer call() {
        printList(api().get("/drift" + Api.query("host", host)), COLUMNS);
        return 0;
    }

    @Command(name = "repair", description = {"Previews (--dry-run) or carries out the repairs of the findings named,"
            + " or of all; each is audited as drift.repair.", "Example: berth drift repair --dry-run --all"})
    static final class Repair extends Subcommand {
        @Option(names = "--host", paramLabel = "NAME", description = "only this host's findings")
        String host;
        @Option(names = "--dry-run", description = "show what each repair would do; change nothing")
        boolean dryRun;
        @Option(names = "--all", description = "every finding")
        boolean all;
        @Parameters(paramLabel = "ID", arity = "0..*", description = "the findings to repair (berth drift lists them)")
        List<String> ids;

        @Override
        public Integer call() {
            boolean named = ids != null && !ids.isEmpty();
            if (all == named) {
                throw usage(all ? "give finding ids or --all, not both" : "name the findings to repair (ID...) or"
                        + " give --all");
            }
            JsonObjectBuilder body = Json.createObjectBuilder().add("dryRun", dryRun);
            Users.addIf(body, "host", host);
            if (all) {
                body.add("all", true);
            } else {
                JsonArrayBuilder list = Json.createArrayBuilder();
                ids.forEach(list::add);
                body.add("ids", list);
            }
            Api.Reply reply = api().send("POST", "/drift/repair", body.build());
            printList(reply, OUTCOMES);
            boolean failed = reply.array().stream().anyMatch(o -> "FAILED".equals(o.asJsonObject()
                    .getString("status", "")));
            return failed ? 1 : 0;
        }
    }
}
