package dev.berth.cli;

import dev.berth.cli.client.Api;
import dev.berth.cli.output.Table.Column;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth tokens ...} (or {@code berth token ...}): the API's {@code /tokens}, API tokens for scripts. */
@Command(name = "tokens", aliases = "token", description = {"API tokens for scripts: create, list, revoke.",
        "A script logs in with one through BERTH_TOKEN (or --token-file) instead of a password."},
        subcommands = {Tokens.Create.class, Tokens.ListTokens.class, Tokens.Revoke.class})
final class Tokens extends Subcommand.Group {

    static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("NAME", "name"),
            Column.of("USER", "user"), Column.of("CREATED", "createdAt"), Column.of("EXPIRES", "expiresAt"));

    @Command(name = "create", description = {"A token of your own; it is shown this once (or written to --save).",
            "Example: berth tokens create --name nightly --days 30 --save nightly.token"})
    static final class Create extends Subcommand {
        @Option(names = "--name", description = "what it is for (default: token)")
        String name;
        @Option(names = "--days", description = "how long it lives, 1..BERTH_TOKEN_MAX_DAYS (default: the maximum)")
        Integer days;
        @Option(names = "--save", paramLabel = "FILE", description = "write the token to FILE (owner-only), not to"
                + " the screen")
        Path save;

        @Override
        public Integer call() {
            JsonObjectBuilder body = Json.createObjectBuilder();
            Users.addIf(body, "name", name);
            if (days != null) {
                body.add("days", days);
            }
            Api.Reply reply = api().send("POST", "/tokens", body.build());
            JsonObject token = reply.object();
            if (save == null) {
                printObject(reply);
                note("the token is shown this once: keep it now (BERTH_TOKEN=<token> berth ...)");
                return 0;
            }
            Hosts.writeOwnerOnly(save, token.getString("token") + "\n");
            JsonObject shown = Json.createObjectBuilder(token).remove("token").add("tokenFile", save.toString())
                    .build();
            printObject(new Api.Reply(reply.status(), shown.toString()));
            return 0;
        }
    }

    @Command(name = "list", description = "Your tokens (an admin: everyone's); never a token itself.")
    static final class ListTokens extends Subcommand {
        @Override
        public Integer call() {
            printList(api().get("/tokens"), COLUMNS);
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke a token (your own; an admin: anyone's); it stops at once.")
    static final class Revoke extends Subcommand {
        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            api().delete("/tokens/" + id);
            note("token " + id + " revoked");
            return 0;
        }
    }
}
