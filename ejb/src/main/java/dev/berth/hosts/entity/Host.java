package dev.berth.hosts.entity;

import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.Heartbeat;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Docker host with its agent: what an admin defined for it (docker_server.xml: address, share directory, the ports
 * units may use, the manager flag) and what its agent last reported in its heartbeat. A host appears either way: an
 * admin defines it, or its agent reports first.
 */
@Entity
@Table(name = "host")
@NamedQuery(name = Host.BY_NAME, query = "select h from Host h where h.name = :name")
@NamedQuery(name = Host.BY_ADDRESS, query = "select h from Host h where h.address = :address order by h.name")
@NamedQuery(name = Host.ALL, query = "select h from Host h order by h.name")
@NamedQuery(name = Host.SILENT, query = "select h from Host h where h.state = :online and h.lastSeen < :before")
@NamedQuery(name = Host.MANAGERS, query = "select h from Host h where h.manager = true")
public class Host {

    public static final String BY_NAME = "Host.byName";
    public static final String BY_ADDRESS = "Host.byAddress";
    public static final String ALL = "Host.all";
    public static final String SILENT = "Host.silent";
    public static final String MANAGERS = "Host.managers";
    /** Units' ports: below 1024 are privileged ports, which Berth does not hand out. */
    public static final int MIN_PORT = 1024;
    public static final int MAX_PORT = 65535;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    private String address;
    private boolean addressFixed;
    @Enumerated(EnumType.STRING)
    private HostState state;
    private String dockerVersion;
    private String dockerError;
    private int cpus;
    private long memoryBytes;
    private Instant lastSeen;
    private Instant registeredAt;
    private String shareDir;
    private int portMin = MIN_PORT;
    private int portMax = MAX_PORT;
    private boolean manager;
    private Integer commPort;
    private String agentPasswordHash;
    private Instant agentKeyedAt;

    protected Host() {
    }

    /**
     * A host enrolled before anything else was said about it: DEFINED, its address the agent's to report (until
     * then loopback, so that the row is complete).
     */
    public static Host enrolled(String name) {
        Host host = new Host();
        host.name = Objects.requireNonNull(name);
        host.registeredAt = Instant.now();
        host.state = HostState.DEFINED;
        host.address = "127.0.0.1";
        return host;
    }

    /** A host its agent announced before any admin defined it. */
    public Host(Heartbeat first) {
        this.name = Objects.requireNonNull(first.host());
        this.registeredAt = Instant.now();
        heard(first);
    }

    /** A host an admin defined; it is DEFINED until its agent reports. */
    public Host(String name, HostSettings settings) {
        this.name = Objects.requireNonNull(name);
        this.registeredAt = Instant.now();
        this.state = HostState.DEFINED;
        configure(settings);
    }

    /** Takes in what the agent reports and marks the host ONLINE. An address an admin set is kept. */
    public final void heard(Heartbeat heartbeat) {
        if (!addressFixed) {
            this.address = heartbeat.address() == null ? "127.0.0.1" : heartbeat.address();
        }
        this.dockerVersion = heartbeat.dockerVersion();
        this.dockerError = heartbeat.dockerError();
        this.cpus = heartbeat.cpus();
        this.memoryBytes = heartbeat.memoryBytes();
        this.lastSeen = Instant.now();
        this.state = HostState.ONLINE;
    }

    /** Applies an admin's settings; they were checked by {@link HostSettings#checked()}. */
    public final void configure(HostSettings settings) {
        this.address = settings.address();
        this.addressFixed = true;
        this.shareDir = settings.shareDir();
        this.portMin = settings.portMin();
        this.portMax = settings.portMax();
        this.manager = settings.manager();
        this.commPort = settings.commPort();
    }

    /** What an admin would have to give to define this host as it is now. */
    public HostSettings settings() {
        return new HostSettings(address, shareDir, portMin, portMax, manager, commPort);
    }

    /** Gives the host's agent account a new password (its hash); the old one stops working. */
    public void keyAgent(String passwordHash) {
        this.agentPasswordHash = Objects.requireNonNull(passwordHash);
        this.agentKeyedAt = Instant.now();
    }

    /** Whether the host's agent has a broker account. */
    public boolean isEnrolled() {
        return agentPasswordHash != null;
    }

    /** The hash of the agent account's password; empty when the host was never enrolled. */
    public Optional<String> agentPasswordHash() {
        return Optional.ofNullable(agentPasswordHash);
    }

    /** When the agent's current password was issued; null when never. */
    public Instant getAgentKeyedAt() {
        return agentKeyedAt;
    }

    public void markOffline() {
        this.state = HostState.OFFLINE;
    }

    public boolean isOnline() {
        return state == HostState.ONLINE;
    }

    /** Refuses a port outside this host's range, naming the range. */
    public void checkPortAllowed(int port) {
        if (port < portMin || port > portMax) {
            throw BerthException.invalid("port " + port + " is outside the ports host " + name + " gives to units ("
                    + portMin + ".." + portMax + "); choose a port in that range");
        }
    }

    /** Why no unit can start here now, for a person; null when one can. */
    public String whyNotStartable() {
        return switch (state) {
            case ONLINE -> null;
            case DEFINED -> "host " + name + " has never been heard from: start its agent (./berth agent with"
                    + " BERTH_AGENT_HOST=" + name + ")";
            case OFFLINE -> "host " + name + " is OFFLINE (no heartbeat since " + lastSeen + "); start its agent";
        };
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getAddress() {
        return address;
    }

    public HostState getState() {
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

    public long getMemoryBytes() {
        return memoryBytes;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }

    public Instant getRegisteredAt() {
        return registeredAt;
    }

    /** The share directory units of this host mount at {@code /share}; null: the agent's own default. */
    public String getShareDir() {
        return shareDir;
    }

    public int getPortMin() {
        return portMin;
    }

    public int getPortMax() {
        return portMax;
    }

    /** The guide's {@code <NodeType>manager</NodeType>}: the entry machine. */
    public boolean isManager() {
        return manager;
    }

    /** The guide's communication port ({@code <Server>ip:port</Server>}); null when never given. */
    public Integer getCommPort() {
        return commPort;
    }
}
