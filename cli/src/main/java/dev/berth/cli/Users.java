package dev.berth.cli;

import dev.berth.cli.client.Api;
import dev.berth.cli.output.Table.Column;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth users ...}: the API's {@code /users}. */
@Command(name = "users", description = "Users: list, show, create, password, disable, enable, delete, allowed-clients,"
        + " disk.", subcommands = {Users.ListUsers.class, Users.Show.class, Users.Create.class, Users.Password.class,
        Users.Disable.class, Users.Enable.class, Users.Delete.class, Users.AllowedClients.class, Users.Disk.class})
final class Users extends Subcommand.Group {

    static final List<Column> COLUMNS = List.of(Column.of("NAME", "name"), Column.of("ALIAS", "alias"),
            Column.of("ROLE", "role"), Column.of("MEMORY", "memory"), Column.of("CPU-SHARES", "cpuShares"),
            Column.of("DISK", "disk"), Column.of("MAX-UNITS", "maxUnits"), Column.of("DISABLED", "disabled"),
            Column.of("SOURCE", "source"));

    @Command(name = "list", description = "Every user (an admin), or your own record.")
    static final class ListUsers extends Subcommand {
        @Override
        public Integer call() {
            printList(api().get("/users"), COLUMNS);
            return 0;
        }
    }

    @Command(name = "show", description = "One user, every field.")
    static final class Show extends Subcommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            printObject(api().get("/users/" + Api.segment(name)));
            return 0;
        }
    }

    @Command(name = "create", description = {"Create a user (admin). The password is read from standard input (its"
            + " first line), or asked twice at a terminal.", "Example: berth users create aaa --alias 张三"
            + " --memory 500m --cpu-shares 512 < aaa.password"})
    static final class Create extends Subcommand {
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--alias", description = "a display name")
        String alias;
        @Option(names = "--memory", required = true, description = "memory per unit, Docker syntax: 500m, 2g")
        String memory;
        @Option(names = "--cpu-shares", required = true, description = "CPU weight per unit, 2..262144 (1024: one)")
        int cpuShares;
        @Option(names = "--home", description = "an absolute home below an allowed root (default: data dir's)")
        String home;
        @Option(names = "--max-units", description = "how many units the user may have")
        Integer maxUnits;
        @Option(names = "--max-memory", description = "memory all the user's running units may use together")
        String maxMemory;
        @Option(names = "--allowed-clients", split = ",", paramLabel = "CIDR",
                description = "IPv4 networks that may reach the user's units (default: Berth's)")
        List<String> allowedClients;
        @Option(names = "--disk", description = "size limit of the user's home on each host, e.g. 4g")
        String disk;

        @Override
        public Integer call() {
            Api api = api();
            JsonObjectBuilder body = Json.createObjectBuilder().add("name", name)
                    .add("password", berth().newPassword("the password of " + name))
                    .add("memory", memory).add("cpuShares", cpuShares);
            addIf(body, "alias", alias);
            addIf(body, "home", home);
            addIf(body, "maxMemory", maxMemory);
            addIf(body, "disk", disk);
            if (maxUnits != null) {
                body.add("maxUnits", maxUnits);
            }
            if (allowedClients != null) {
                body.add("allowedClients", strings(allowedClients));
            }
            printObject(api.send("POST", "/users", body.build()));
            return 0;
        }
    }

    @Command(name = "password", description = {"Change a password: your own (the current one is your login's), or"
            + " as an admin reset another user's.", "The new one is read from standard input, or asked twice at a"
            + " terminal."})
    static final class Password extends Subcommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            Api api = api();
            JsonObjectBuilder body = Json.createObjectBuilder();
            if (name.equals(api.login().user())) {
                body.add("current", api.login().password());
            }
            body.add("new", berth().newPassword("the new password of " + name));
            api.send("PUT", "/users/" + Api.segment(name) + "/password", body.build());
            note("the password of " + name + " is changed; the old one no longer works");
            return 0;
        }
    }

    @Command(name = "disable", description = "Refuse the user's logins and stop their running units (admin).")
    static final class Disable extends Subcommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            printObject(api().send("POST", "/users/" + Api.segment(name) + "/disable", (JsonValue) null));
            return 0;
        }
    }

    @Command(name = "enable", description = "Let a disabled user log in again (admin).")
    static final class Enable extends Subcommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            printObject(api().send("POST", "/users/" + Api.segment(name) + "/enable", (JsonValue) null));
            return 0;
        }
    }

    @Command(name = "delete", description = "Delete a user without units (admin).")
    static final class Delete extends Subcommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            api().delete("/users/" + Api.segment(name));
            note("user " + name + " deleted");
            return 0;
        }
    }

    @Command(name = "allowed-clients", description = {"Set the IPv4 networks that may reach the user's units, from"
            + " their next start (admin).", "Example: berth users allowed-clients aaa 10.1.0.0/16 127.0.0.0/8"})
    static final class AllowedClients extends Subcommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1..*", paramLabel = "CIDR", description = "the networks, e.g. 10.1.0.0/16")
        List<String> cidrs = List.of();
        @Option(names = "--default", description = "back to Berth's default networks")
        boolean reset;

        @Override
        public Integer call() {
            if (reset == !cidrs.isEmpty()) {
                throw usage("give the networks, or --default (not both)");
            }
            JsonValue list = reset ? JsonValue.NULL : strings(cidrs).build();
            printObject(api().send("PUT", "/users/" + Api.segment(name) + "/allowed-clients",
                    Json.createObjectBuilder().add("allowedClients", list).build()));
            return 0;
        }
    }

    @Command(name = "disk", description = {"Set the size limit of the user's home on each host (admin).",
            "Example: berth users disk aaa 4g"})
    static final class Disk extends Subcommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", arity = "0..1", paramLabel = "SIZE", description = "e.g. 4g")
        String size;
        @Option(names = "--default", description = "back to Berth's default size")
        boolean reset;

        @Override
        public Integer call() {
            if (reset == (size != null)) {
                throw usage("give a size, or --default (not both)");
            }
            JsonValue disk = reset ? JsonValue.NULL : Json.createValue(size);
            printObject(api().send("PUT", "/users/" + Api.segment(name) + "/disk",
                    Json.createObjectBuilder().add("disk", disk).build()));
            return 0;
        }
    }

    static void addIf(JsonObjectBuilder body, String name, String value) {
        if (value != null) {
            body.add(name, value);
        }
    }

    static JsonArrayBuilder strings(List<String> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }
}
