package dev.berth.agents.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each host's last round trip to its agent (a ping through the broker and back), as the periodic pings measured it;
 * in memory only. A host whose agent did not answer the last ping has none, and neither has one not pinged yet.
 */
@ApplicationScoped
public class RoundTrips {

    private final Map<String, Duration> last = new ConcurrentHashMap<>();
    private final Set<String> refusing = ConcurrentHashMap.newKeySet();

    public void measured(String host, Duration roundTrip) {
        last.put(host, roundTrip);
        refusing.remove(host);
    }

    /** The agent did not answer in time, or its host is not ONLINE: its round trip is unknown now. */
    public void unknown(String host) {
        last.remove(host);
    }

    /** The agent answered a ping as a command it cannot read (older than protocol version 7): not pinged again. */
    public void refused(String host) {
        last.remove(host);
        refusing.add(host);
    }

    /** The host has gone OFFLINE or away: its agent may come back upgraded, and is pinged again then. */
    public void forget(String host) {
        last.remove(host);
        refusing.remove(host);
    }

    public boolean refuses(String host) {
        return refusing.contains(host);
    }

    /** The longest of the round trips known now. */
    public Optional<Duration> slowest() {
        return last.values().stream().max(Duration::compareTo);
    }

    public Optional<Duration> of(String host) {
        return Optional.ofNullable(last.get(host));
    }
}
