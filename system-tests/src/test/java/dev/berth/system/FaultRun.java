package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * One injected fault, measured: the commands accepted around it (and every command the audit trail of its units
 * names and each unit's last one, the reconciler's too), the moment it was injected, and, once the end state holds
 * and every one of those commands ended SUCCEEDED, FAILED or EXPIRED with the audit record of its end, how long that
 * took, how many commands were lost (never ended, or ended without that record) and how many containers were
 * duplicated (more than one per unit label on its engine). Each run adds a row to {@code target/faults.md}; the test
 * fails when the end state is not reached within the stated bound, or a command is lost, or a container duplicated.
 */
final class FaultRun {

    static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "EXPIRED");
    private static final Pattern COMMAND = Pattern.compile("command ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}"
            + "-[0-9a-f]{12})");
    private static final Path TABLE = Path.of(System.getProperty("berth.log", "target/berth-system-test.log"))
            .toAbsolutePath().getParent().resolve("faults.md");
    /** How often the end state is looked at: the measured times are this exact. */
    private static final Duration ROUND = Duration.ofMillis(500);
    private static boolean tableStarted;

    private final String fault;
    private final Api admin;
    private final Duration bound;
    private final Set<String> commands = new LinkedHashSet<>();
    private final Set<Long> units = new LinkedHashSet<>();
    private Instant injectedAt;

    /**
     * @param fault what is injected, as the table names it
     * @param bound the time within which the end state must hold after the fault
     */
    FaultRun(String fault, Api admin, Duration bound) {
        this.fault = fault;
        this.admin = admin;
        this.bound = bound;
    }

    /**
     * Skips the calling test unless the manager reconciles (issue 10's core: {@code GET /api/reconciler/rules}
     * answers): what it checks only converges through the reconciler.
     */
    static void assumeReconciler(Api admin) {
        int status = admin.get("/reconciler/rules").status();
        Assumptions.assumeTrue(status == 200, "needs the reconciler (GET /api/reconciler/rules answered " + status
                + ")");
    }

    /** A command accepted for one of the fault's units, to be followed to its end. */
    FaultRun command(String id) {
        commands.add(id);
        return this;
    }

    /** Units the fault concerns: every command their audit trail names is followed to its end too. */
    FaultRun units(Collection<Long> ids) {
        units.addAll(ids);
        return this;
    }

    /** Marks the moment of the fault; the time to converge counts from here. */
    FaultRun injected() {
        injectedAt = Instant.now();
        return this;
    }

    /**
     * Waits until {@code endState} holds and every followed command ended with its audit record, then counts
     * duplicated containers; writes the row and asserts that nothing was lost or duplicated.
     *
     * @param described  the end state in words, for the table
     * @param duplicates containers beyond the first per unit label on its engine, counted at the end
     */
    void converges(String described, Callable<Boolean> endState, IntSupplier duplicates) {
        if (injectedAt == null) {
            injected();
        }
        Set<String> followed = new LinkedHashSet<>(commands);
        Set<String> ended = new LinkedHashSet<>();
        Instant deadline = injectedAt.plus(bound);
        Throwable lastFailure = null;
        while (true) {
            try {
                if (endState(endState)) {
                    followed.addAll(namedInAudit());
                    ended.addAll(ended(followed, ended));
                    if (ended.containsAll(followed)) {
                        break;
                    }
                }
                lastFailure = null;
            } catch (RuntimeException | AssertionError notAnsweringYet) {
                // a restarting Berth refuses connections, or answers before its application is deployed
                lastFailure = notAnsweringYet;
            }
            if (Instant.now().isAfter(deadline)) {
                String reached = "Berth not answering";
                try {
                    followed.addAll(namedInAudit());
                    ended.addAll(ended(followed, ended));
                    reached = endState(endState) ? "reached now" : "not reached";
                } catch (RuntimeException | AssertionError notAnswering) {
                    lastFailure = notAnswering;
                }
                List<String> open = followed.stream().filter(id -> !ended.contains(id)).toList();
                row(null, followed.size(), open.size(), duplicates.getAsInt(), "not within the bound: " + described);
                throw new AssertionError(fault + ": gave up waiting " + bound.toSeconds() + " s for " + described
                        + " (" + reached + "); commands not ended with an audit record: " + open, lastFailure);
            }
            LockSupport.parkNanos(ROUND.toNanos());
        }
        Duration took = Duration.between(injectedAt, Instant.now());
        int duplicated = duplicates.getAsInt();
        row(took, followed.size(), 0, duplicated, described);
        assertThat(duplicated).as(fault + ": containers beyond one per unit").isZero();
    }

    private static boolean endState(Callable<Boolean> endState) {
        try {
            return Boolean.TRUE.equals(endState.call());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Commands named in the audit trail of the fault's units, and each unit's last command. */
    private Set<String> namedInAudit() {
        Set<String> named = new LinkedHashSet<>();
        for (long unit : units) {
            Api.Reply reply = admin.get("/units/" + unit);
            if (reply.status() == 200 && reply.json().get("lastCommand") instanceof jakarta.json.JsonString last) {
                named.add(last.getString());
            }
            for (JsonValue record : admin.get("/audit?limit=1000&unit=" + unit).array()) {
                Matcher m = COMMAND.matcher(record.asJsonObject().getString("detail", ""));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        return named;
    }

    /**
     * Those of {@code followed} (beyond {@code known}) that are SUCCEEDED, FAILED or EXPIRED, with the record of that
     * end in their unit's audit trail; each unit's trail read once.
     */
    private Set<String> ended(Set<String> followed, Set<String> known) {
        Set<String> ended = new LinkedHashSet<>();
        java.util.Map<Long, List<JsonObject>> trails = new java.util.HashMap<>();
        for (String id : followed) {
            if (known.contains(id)) {
                continue;
            }
            Api.Reply reply = admin.get("/commands/" + id);
            if (reply.status() != 200 || !FINAL.contains(reply.json().getString("state"))) {
                continue;
            }
            JsonObject command = reply.json();
            long unit = command.isNull("unit") ? -1 : command.getJsonNumber("unit").longValue();
            List<JsonObject> trail = trails.computeIfAbsent(unit, u -> admin.get(u < 0 ? "/audit?limit=1000"
                    : "/audit?limit=1000&unit=" + u).array().stream().map(JsonValue::asJsonObject).toList());
            if (trail.stream().anyMatch(a -> a.getString("detail", "").startsWith("command " + id + ":")
                    && Set.of("SUCCEEDED", "FAILED").contains(a.getString("outcome", "")))) {
                ended.add(id);
            }
        }
        return ended;
    }

    private void row(Duration took, int followed, int lost, int duplicated, String endState) {
        String time = took == null ? "> " + bound.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s",
                took.toMillis() / 1000.0);
        String line = "| %s | %s | %d s | %d | %d | %d | %s |%n".formatted(fault, time, bound.toSeconds(), followed,
                lost, duplicated, endState);
        synchronized (FaultRun.class) {
            try {
                Files.createDirectories(TABLE.getParent());
                if (!tableStarted) {
                    Files.writeString(TABLE, """
                            | fault | time to converge | bound | commands | lost | duplicated | end state |
                            |---|---:|---:|---:|---:|---:|---|
                            """, StandardCharsets.UTF_8);
                    tableStarted = true;
                }
                Files.writeString(TABLE, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Containers beyond the first per {@code berth.unit} label among {@code containers} (all of one engine). */
    static int duplicated(List<com.github.dockerjava.api.model.Container> containers) {
        return (int) (containers.size() - containers.stream().map(c -> c.getLabels().get("berth.unit")).distinct()
                .count());
    }
}
