package dev.berth.units.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The hosts whose whole inventory has come since this manager started: the first one is compared and reported. */
@ApplicationScoped
public class InventoriesSinceStart {

    private final Set<String> hosts = ConcurrentHashMap.newKeySet();

    /** Whether this is the first inventory of the host since the manager started (and notes that it came). */
    public boolean firstOf(String host) {
        return hosts.add(host);
    }
}
