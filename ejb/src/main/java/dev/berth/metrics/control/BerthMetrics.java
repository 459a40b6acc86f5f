package dev.berth.metrics.control;

import dev.berth.agents.boundary.DeadLetterQueue;
import dev.berth.agents.control.RoundTrips;
import dev.berth.commands.entity.CommandFinished;
import dev.berth.commands.entity.CommandState;
import dev.berth.hosts.entity.HostState;
import dev.berth.platform.boundary.EmbeddedBroker;
import dev.berth.platform.boundary.StartupState;
import dev.berth.platform.boundary.TransactionRecovery;
import dev.berth.protocol.CommandType;
import dev.berth.units.control.LogStream;
import dev.berth.units.entity.UnitState;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Registers Berth's metrics in the application registry once the application is up, and keeps the event-driven ones
 * current. Names as Prometheus shows them: {@code berth_commands_total{type,outcome}},
 * {@code berth_unit_start_seconds} (a timer: count, sum, max and quantiles), {@code berth_units{state}},
 * {@code berth_hosts{state}}, {@code berth_log_followers}, {@code berth_jms_redelivered},
 * {@code berth_jms_dead_letters}, {@code berth_agent_rtt_seconds} (the slowest of the ONLINE hosts' last round trips
 * to their agents, NaN while none is known; without a host label, as no metric names a host: each host's own is its
 * {@code rttMillis} in the API). Units and hosts are counted in the database when the endpoint is read, at most
 * once a second however many gauges ask. A scrape while the manager starts answers without asking a start-up bean
 * or the database ({@link StartupState}): the counts are 0 and the dead letters -1 until then.
 */
@ApplicationScoped
public class BerthMetrics {

    static final String COMMANDS = "berth.commands";
    static final String START = "berth.unit.start";
    static final Duration COUNTS_FRESH_FOR = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(BerthMetrics.class.getName());

    @Inject
    MetricRegistry registry;

    @EJB
    StateCounts counts;

    @EJB
    EmbeddedBroker broker;

    @EJB
    DeadLetterQueue deadLetters;

    @Inject
    StartupState startup;

    @Inject
    RoundTrips roundTrips;

    private Timer startToRunning;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Instant.EPOCH);

    /** The counts the state gauges read, and when they were taken. */
    private record Snapshot(Map<String, Long> units, Map<String, Long> hosts, Instant taken) {
    }

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        for (CommandType type : CommandType.values()) {
            for (CommandState outcome : CommandState.values()) {
                if (outcome != CommandState.PENDING) {
                    commands(type, outcome);
                }
            }
        }
        startToRunning = registry.timer(Metadata.builder().withName(START)
                .withDescription("From a unit's start request to its RUNNING answer (application-level ready)")
                .withUnit(MetricUnits.SECONDS).build());
        for (UnitState state : UnitState.values()) {
            gauge("berth.units", "Units in each state", s -> s.units, state.name());
        }
        for (HostState state : HostState.values()) {
            gauge("berth.hosts", "Hosts in each state", s -> s.hosts, state.name());
        }
        registry.gauge(Metadata.builder().withName("berth.log.followers")
                        .withDescription("Followed log streams (logs?follow=true) this manager holds open").build(),
                LogStream::openStreams);
        registry.gauge(Metadata.builder().withName("berth.jms.redelivered")
                        .withDescription("Messages the embedded broker delivered again after a rollback, since it"
                                + " started").build(),
                () -> startup.hasRun(EmbeddedBroker.class) ? broker.redeliveries() : 0L);
        registry.gauge(Metadata.builder().withName("berth.jms.dead.letters")
                        .withDescription("Messages in the broker's dead-letter queue (DLQ), embedded or standalone")
                        .build(),
                this::deadLetters);
        registry.gauge(Metadata.builder().withName("berth.agent.rtt.seconds")
                        .withDescription("The slowest of the ONLINE hosts' last round trips of a ping to their agent"
                                + " and back, in seconds; NaN while none is known").build(),
                () -> roundTrips.slowest().map(rtt -> rtt.toNanos() / 1e9).orElse(Double.NaN));
    }

    /** The DLQ's count; -1 when the broker cannot be asked now (starting, or away). */
    private long deadLetters() {
        if (!startup.hasRun(EmbeddedBroker.class)) {
            return -1;
        }
        try {
            return deadLetters.count();
        } catch (RuntimeException notNow) {
            return -1;
        }
    }

    /** Counts a finished command once its transaction committed; a START that SUCCEEDED is a unit now RUNNING. */
    void finished(@Observes(during = TransactionPhase.AFTER_SUCCESS) CommandFinished command) {
        commands(command.type(), command.outcome()).inc();
        if (command.type() == CommandType.START && command.outcome() == CommandState.SUCCEEDED
                && startToRunning != null) {
            startToRunning.update(command.took());
        }
    }

    private org.eclipse.microprofile.metrics.Counter commands(CommandType type, CommandState outcome) {
        return registry.counter(Metadata.builder().withName(COMMANDS)
                        .withDescription("Commands sent to agents, by type and how they ended").build(),
                new Tag("type", type.name()), new Tag("outcome", outcome.name()));
    }

    private void gauge(String name, String description, Function<Snapshot, Map<String, Long>> counted,
                       String state) {
        // registered from the observer, so 'this' is the bean itself, not its client proxy
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(),
                () -> counted.apply(fresh()).getOrDefault(state, 0L), new Tag("state", state));
    }

    /**
     * The counts, taken again when they are older than a second: none (every gauge 0) until the manager may use its
     * database (the schema migrated, the transactions a crash left in doubt completed), the last ones while the
     * database does not answer (its readiness check says so).
     */
    private Snapshot fresh() {
        Snapshot current = snapshot;
        if (!startup.hasRun(TransactionRecovery.class) || current.taken().plus(COUNTS_FRESH_FOR).isAfter(Instant.now())) {
            return current;
        }
        try {
            Snapshot taken = new Snapshot(counts.units(), counts.hosts(), Instant.now());
            snapshot = taken;
            return taken;
        } catch (RuntimeException away) {
            LOG.fine(() -> "units and hosts not counted now: " + away);
            return current;
        }
    }
}
