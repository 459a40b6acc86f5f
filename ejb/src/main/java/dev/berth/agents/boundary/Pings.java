package dev.berth.agents.boundary;

import dev.berth.agents.control.ForgedAnswers;
import dev.berth.agents.control.PingChannel;
import dev.berth.agents.control.PingChannel.Answer;
import dev.berth.agents.control.RoundTrips;
import dev.berth.commands.control.CommandPublisher;
import dev.berth.hosts.boundary.Hosts;
import dev.berth.hosts.entity.Host;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Pings agents ({@code PING}, answered at once, no command row, no audit record): a round over every ONLINE host,
 * which keeps each host's last round trip ({@link RoundTrips}), and an admin's run of many pings to one host, many in
 * flight at once, which measures the control plane (manager, broker, agent and back). Runs outside any transaction:
 * each ping leaves at once.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Pings {

    /** Pings in flight at once in a run. */
    static final int WINDOW = 64;
    /** The most pings one run sends. */
    static final int MAX_COUNT = 100_000;
    /** How long a run or a round waits for the next answer before it counts the rest as unanswered. */
    static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(Pings.class.getName());

    /** A run's round trips, in milliseconds. */
    public record RoundTripMillis(double p50, double p95, double max) {
    }

    /** What a run of pings measured: how many were sent and answered, in how long, and their round trips. */
    public record Run(String host, int count, int answered, double seconds, double perSecond,
                      RoundTripMillis rttMillis) {
    }

    @Resource(lookup = CommandPublisher.CONNECTION_FACTORY)
    ConnectionFactory factory;

    @EJB
    Hosts hosts;

    @EJB
    ForgedAnswers forged;

    @Inject
    RoundTrips roundTrips;

    /**
     * Sends {@code count} pings to the agent of {@code host}, up to {@link #WINDOW} in flight, and waits for their
     * answers (at most {@link #PATIENCE} for each next one).
     *
     * @throws BerthException 400 for a count out of range, 404 for an unknown host, 409 when the host is not ONLINE
     *                        or its agent cannot read pings, 503 when it answered none
     */
    public Run run(String host, Integer count, Actor actor) {
        if (!actor.admin()) {
            throw BerthException.forbidden(actor.name() + " may not ping agents; an admin does");
        }
        int n = count == null ? 1 : count;
        if (n < 1 || n > MAX_COUNT) {
            throw BerthException.invalid("count must be 1 to " + MAX_COUNT + ", not " + n);
        }
        Host target = hosts.get(host);
        if (!target.isOnline()) {
            throw BerthException.conflict("host " + target.getName() + " is " + target.getState() + "; its agent can be"
                    + " pinged once it is ONLINE again");
        }
        long[] nanos = new long[n];
        int answered = 0;
        int sent = 0;
        long began = System.nanoTime();
        try (PingChannel channel = open()) {
            while (answered < n) {
                while (sent < n && channel.inFlight() < WINDOW) {
                    channel.send(target.getName());
                    sent++;
                }
                Optional<Answer> answer = channel.next(PATIENCE);
                if (answer.isEmpty()) {
                    break;
                }
                if (answer.get().refusal() != null) {
                    throw BerthException.conflict("the agent of host " + target.getName() + " cannot read pings (it"
                            + " speaks an older protocol than 7): " + answer.get().refusal());
                }
                nanos[answered++] = answer.get().roundTrip().toNanos();
            }
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        if (answered == 0) {
            throw BerthException.unavailable("the agent of host " + target.getName() + " answered none of " + n
                    + " pings within " + PATIENCE.toSeconds() + " s; check that it runs");
        }
        long[] took = Arrays.copyOf(nanos, answered);
        Arrays.sort(took);
        return new Run(target.getName(), n, answered, round(seconds, 1000), round(answered / seconds, 10),
                new RoundTripMillis(millis(took, 0.50), millis(took, 0.95), round(took[answered - 1] / 1e6, 1000)));
    }

    /**
     * Pings every ONLINE host's agent once and keeps each round trip; a host that did not answer within
     * {@link #PATIENCE}, or is not ONLINE, has none until it answers again.
     */
    public void round() {
        List<Host> all = hosts.all();
        Set<String> waiting = new HashSet<>();
        for (Host h : all) {
            if (!h.isOnline()) {
                roundTrips.forget(h.getName());
            } else if (!roundTrips.refuses(h.getName())) {
                waiting.add(h.getName());
            }
        }
        if (waiting.isEmpty()) {
            return;
        }
        try (PingChannel channel = open()) {
            waiting.forEach(channel::send);
            while (!waiting.isEmpty()) {
                Optional<Answer> answer = channel.next(PATIENCE);
                if (answer.isEmpty()) {
                    break;
                }
                String host = answer.get().host();
                waiting.remove(host);
                if (answer.get().refusal() != null) {
                    LOG.info(() -> "the agent of host " + host + " cannot read pings (older than protocol 7); its"
                            + " round trip is not measured until it comes back: " + answer.get().refusal());
                    roundTrips.refused(host);
                } else {
                    roundTrips.measured(host, answer.get().roundTrip());
                }
            }
        }
        waiting.forEach(roundTrips::unknown);
    }

    private PingChannel open() {
        return new PingChannel(factory, PATIENCE, forged::pong);
    }

    private static double millis(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length) - 1;
        return round(sorted[Math.max(0, rank)] / 1e6, 1000);
    }

    private static double round(double value, int scale) {
        return Math.round(value * scale) / (double) scale;
    }
}
