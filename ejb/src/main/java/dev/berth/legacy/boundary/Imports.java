package dev.berth.legacy.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.legacy.control.Change;
import dev.berth.legacy.control.ImportPlan;
import dev.berth.legacy.control.ImportPlanner;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Imports of the legacy files, for admins. {@link #plan} shows what an import would create, update or leave, and
 * writes nothing; {@link #apply} makes the same plan and carries it out in one transaction: a file with any problem
 * (each reported with its line) changes nothing. Importing the same file again is all {@code unchanged}.
 */
@Stateless
public class Imports {

    /** The three files. */
    public enum Kind {
        /** docker_user.xml: users and their units. */
        USERS("docker_user.xml"),
        /** docker_server.xml: one host. */
        SERVERS("docker_server.xml"),
        /** unitServer.xml: the units of one user. */
        UNITSERVER("unitServer.xml");

        public final String file;

        Kind(String file) {
            this.file = file;
        }

        /** @throws BerthException (invalid) naming the kinds there are */
        public static Kind of(String text) {
            for (Kind kind : values()) {
                if (kind.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                    return kind;
                }
            }
            throw BerthException.invalid("kind '" + text + "' is unknown: use users (docker_user.xml), servers"
                    + " (docker_server.xml) or unitserver (unitServer.xml)");
        }
    }

    /**
     * One import.
     *
     * @param host for {@link Kind#SERVERS}: the host's name (default: the host with the file's address, or the address)
     * @param user for {@link Kind#UNITSERVER}: whose units the file lists (required)
     */
    public record Request(Kind kind, String xml, String host, String user) {
    }

    @Inject
    ImportPlanner planner;

    @Inject
    AuditTrail audit;

    /** What the import would do; nothing is written. */
    public List<Change> plan(Request request, Actor actor) {
        return planOf(request, actor).changes();
    }

    /** Does the import, all or nothing, and audits every change and the import itself. */
    public List<Change> apply(Request request, Actor actor) {
        List<Change> changes = planOf(request, actor).apply();
        Map<String, Long> counts = changes.stream()
                .collect(Collectors.groupingBy(Change::action, TreeMap::new, Collectors.counting()));
        audit.message(actor, "import.apply", "file " + request.kind().file, Outcome.SUCCEEDED,
                counts.isEmpty() ? "nothing in the file" : counts.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
        return changes;
    }

    private ImportPlan planOf(Request request, Actor actor) {
        if (request == null || request.kind() == null) {
            throw BerthException.invalid("say which file with kind=users, servers or unitserver");
        }
        return switch (request.kind()) {
            case USERS -> planner.users(request.xml(), actor);
            case SERVERS -> planner.server(request.xml(), request.host(), actor);
            case UNITSERVER -> planner.unitServer(request.xml(), request.user(), actor);
        };
    }
}
