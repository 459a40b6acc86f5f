package dev.berth.web.console;

import dev.berth.hosts.entity.Host;
import dev.berth.units.boundary.UnitOverview.HostLoad;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A host as the console's tables show it: its settings and last report, and what the units that run or start on it
 * take of its memory and CPU (CPU shares: 1024 per CPU, as Docker weighs them). A class with getters, not a record:
 * Jakarta EL 5 reads properties through getters only.
 */
public final class HostRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String address;
    private final String state;
    private final String dockerVersion;
    private final String dockerError;
    private final int cpus;
    private final long memoryBytes;
    private final Instant lastSeen;
    private final String shareDir;
    private final int portMin;
    private final int portMax;
    private final boolean manager;
    private final Integer commPort;
    private final boolean enrolled;
    private final HostLoad load;

    HostRow(Host h, HostLoad load) {
        this.name = h.getName();
        this.address = h.getAddress();
        this.state = h.getState().name();
        this.dockerVersion = h.getDockerVersion();
        this.dockerError = h.getDockerError();
        this.cpus = h.getCpus();
        this.memoryBytes = h.getMemoryBytes();
        this.lastSeen = h.getLastSeen();
        this.shareDir = h.getShareDir();
        this.portMin = h.getPortMin();
        this.portMax = h.getPortMax();
        this.manager = h.isManager();
        this.commPort = h.getCommPort();
        this.enrolled = h.isEnrolled();
        this.load = load;
    }

    static List<HostRow> all(List<Host> hosts, Map<String, HostLoad> loads) {
        return hosts.stream().map(h -> new HostRow(h, loads.getOrDefault(h.getName(), HostLoad.NONE))).toList();
    }

    public boolean isOnline() {
        return "ONLINE".equals(state);
    }

    /** The memory the running units may take, of the host's: "1.0 of 7.6 GiB (13 %)". */
    public String getMemoryUse() {
        return gib(load.memoryBytes()) + " of " + gib(memoryBytes) + " GiB" + percent(load.memoryBytes(), memoryBytes);
    }

    /** The running units' CPU shares, of the host's CPUs × 1024. */
    public String getCpuUse() {
        long capacity = cpus * 1024L;
        return load.cpuShares() + " of " + capacity + " shares" + percent(load.cpuShares(), capacity);
    }

    /** The share of the memory used, 0..100 (more when overcommitted), for a bar. */
    public long getMemoryPercent() {
        return memoryBytes == 0 ? 0 : Math.round(100.0 * load.memoryBytes() / memoryBytes);
    }

    public long getCpuPercent() {
        return cpus == 0 ? 0 : Math.round(100.0 * load.cpuShares() / (cpus * 1024.0));
    }

    /** Since the last heartbeat: "4 s", or "never". */
    public String getHeartbeatAge() {
        return InstantConverter.age(lastSeen, Instant.now());
    }

    public long getUnits() {
        return load.units();
    }

    /** Units running or starting here. */
    public long getHolding() {
        return load.holding();
    }

    public String getName() {
        return name;
    }

    public String getAddress() {
        return address;
    }

    public String getState() {
        return state;
    }

    public String getDockerVersion() {
        return dockerVersion;
    }

    public String getDockerError() {
        return dockerError;
    }

    public int getCpus() {
        return cpus;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }

    public String getShareDir() {
        return shareDir;
    }

    public int getPortMin() {
        return portMin;
    }

    public int getPortMax() {
        return portMax;
    }

    public boolean isManager() {
        return manager;
    }

    public Integer getCommPort() {
        return commPort;
    }

    public boolean isEnrolled() {
        return enrolled;
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024 * 1024));
    }

    private static String percent(long used, long capacity) {
        return capacity == 0 ? "" : " (" + Math.round(100.0 * used / capacity) + " %)";
    }
}
