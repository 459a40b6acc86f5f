package dev.berth.cli;

import dev.berth.cli.client.Api;
import dev.berth.cli.output.Table.Column;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth profiles ...}: the API's {@code /profiles}, the limits users from the directory get. */
@Command(name = "profiles", description = "Profiles, the limits users from the directory get at their first login:"
        + " list, show, create, update, delete (admin).", subcommands = {Profiles.ListProfiles.class,
        Profiles.Show.class, Profiles.Create.class, Profiles.Update.class, Profiles.Delete.class})
final class Profiles extends Subcommand.Group {

    static final List<Column> COLUMNS = List.of(Column.of("NAME", "name"), Column.of("DEFAULT", "default"),
            Column.of("MEMORY", "memory"), Column.of("CPU-SHARES", "cpuShares"), Column.of("MAX-UNITS", "maxUnits"),
            Column.of("MAX-MEMORY", "maxMemory"), Column.of("GROUPS", "groups"),
            new Column("USERS", p -> p.get("users") instanceof JsonArray users ? String.valueOf(users.size()) : "-"));

    @Command(name = "list", description = "Every profile, the default among them.")
    static final class ListProfiles extends Subcommand {
        @Override
        public Integer call() {
            printList(api().get("/profiles"), COLUMNS);
            return 0;
        }
    }

    @Command(name = "show", description = "One profile, every field (the users provisioned with it too).")
    static final class Show extends Subcommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            printObject(api().get("/profiles/" + Api.segment(name)));
            return 0;
        }
    }

    /** The limits and groups of a profile; on an update, those not given stay as they are. */
    static final class Limits {
        @Option(names = "--memory", description = "memory per unit, Docker syntax: 500m, 2g")
        String memory;
        @Option(names = "--cpu-shares", description = "CPU weight per unit, 2..262144 (1024: one)")
        Integer cpuShares;
        @Option(names = "--max-units", description = "how many units a user may have")
        Integer maxUnits;
        @Option(names = "--max-memory", description = "memory all of a user's running units may use together")
        String maxMemory;
        @Option(names = "--allowed-clients", split = ",", paramLabel = "CIDR",
                description = "IPv4 networks that may reach the users' units (default: Berth's)")
        List<String> allowedClients;
        @Option(names = "--groups", split = ",", paramLabel = "GROUP",
                description = "the directory groups the profile is for, comma-separated")
        List<String> groups;

        /** {@code base} (a profile's JSON, or an empty object) with the options given laid over it. */
        JsonObjectBuilder over(JsonObject base) {
            JsonObjectBuilder body = Json.createObjectBuilder();
            for (String key : List.of("memory", "cpuShares", "maxUnits", "maxMemory", "groups")) {
                if (base.containsKey(key) && base.get(key) != JsonValue.NULL) {
                    body.add(key, base.get(key));
                }
            }
            if (base.containsKey("allowedClientsDefault") && !base.getBoolean("allowedClientsDefault")) {
                body.add("allowedClients", base.get("allowedClients"));
            }
            Users.addIf(body, "memory", memory);
            Users.addIf(body, "maxMemory", maxMemory);
            if (cpuShares != null) {
                body.add("cpuShares", cpuShares);
            }
            if (maxUnits != null) {
                body.add("maxUnits", maxUnits);
            }
            if (allowedClients != null) {
                body.add("allowedClients", Users.strings(allowedClients));
            }
            if (groups != null) {
                body.add("groups", Users.strings(groups));
            }
            return body;
        }
    }

    @Command(name = "create", description = {"Create a profile (admin).", "Example: berth profiles create analysts"
            + " --memory 2g --cpu-shares 2048 --max-units 4 --groups analysts,finance"})
    static final class Create extends Subcommand {
        @Parameters(paramLabel = "NAME")
        String name;
        @Mixin
        Limits limits = new Limits();

        @Override
        public Integer call() {
            if (limits.memory == null || limits.cpuShares == null) {
                throw usage("a new profile needs --memory and --cpu-shares");
            }
            printObject(api().send("POST", "/profiles", limits.over(JsonValue.EMPTY_JSON_OBJECT).add("name", name)
                    .build()));
            return 0;
        }
    }

    @Command(name = "update", description = {"Change a profile (admin): the options given; the rest stays.",
            "Users provisioned with it keep their limits.", "Example: berth profiles update default --memory 2g"})
    static final class Update extends Subcommand {
        @Parameters(paramLabel = "NAME")
        String name;
        @Mixin
        Limits limits = new Limits();

        @Override
        public Integer call() {
            Api api = api();
            String path = "/profiles/" + Api.segment(name);
            JsonObject now = api.get(path).object();
            printObject(api.send("PUT", path, limits.over(now).build()));
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a profile, not the default (admin); its users keep their"
            + " limits.")
    static final class Delete extends Subcommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            api().delete("/profiles/" + Api.segment(name));
            note("profile " + name + " deleted");
            return 0;
        }
    }
}
