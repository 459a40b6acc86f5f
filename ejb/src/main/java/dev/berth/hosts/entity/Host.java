package dev.berth.hosts.entity;

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

/** A Docker host with its agent, as last reported by the agent's heartbeat. */
@Entity
@Table(name = "host")
@NamedQuery(name = Host.BY_NAME, query = "select h from Host h where h.name = :name")
@NamedQuery(name = Host.ALL, query = "select h from Host h order by h.name")
@NamedQuery(name = Host.SILENT, query = "select h from Host h where h.state = :online and h.lastSeen < :before")
public class Host {

    public static final String BY_NAME = "Host.byName";
    public static final String ALL = "Host.all";
    public static final String SILENT = "Host.silent";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    private String address;
    @Enumerated(EnumType.STRING)
    private HostState state;
    private String dockerVersion;
    private String dockerError;
    private int cpus;
    private long memoryBytes;
    private Instant lastSeen;
    private Instant registeredAt;

    protected Host() {
    }

    public Host(Heartbeat first) {
        this.name = Objects.requireNonNull(first.host());
        this.registeredAt = Instant.now();
        heard(first);
    }

    /** Takes in what the agent reports and marks the host ONLINE. */
    public final void heard(Heartbeat heartbeat) {
        this.address = heartbeat.address() == null ? "127.0.0.1" : heartbeat.address();
        this.dockerVersion = heartbeat.dockerVersion();
        this.dockerError = heartbeat.dockerError();
        this.cpus = heartbeat.cpus();
        this.memoryBytes = heartbeat.memoryBytes();
        this.lastSeen = Instant.now();
        this.state = HostState.ONLINE;
    }

    public void markOffline() {
        this.state = HostState.OFFLINE;
    }

    public boolean isOnline() {
        return state == HostState.ONLINE;
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
}
