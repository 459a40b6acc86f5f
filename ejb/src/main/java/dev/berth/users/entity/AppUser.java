package dev.berth.users.entity;

import dev.berth.platform.entity.BerthException;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A person who logs in and owns units; {@code USER} is reserved in SQL, hence the name. */
@Entity
@Table(name = "app_user")
@NamedQuery(name = AppUser.BY_NAME, query = "select u from AppUser u where u.name = :name")
public class AppUser {

    public static final String BY_NAME = "AppUser.byName";

    /** CPU shares Docker accepts. */
    public static final int MIN_CPU_SHARES = 2;
    public static final int MAX_CPU_SHARES = 262144;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    private String alias;
    private String passwordHash;
    @Enumerated(EnumType.STRING)
    private Role role;
    private String memory;
    private long memoryBytes;
    private int cpuShares;
    private String home;
    private Integer maxUnits;
    private String maxMemory;
    private Long maxMemoryBytes;
    /** The size limit of the user's home on each host, as given; null: the configured default. */
    private String disk;
    private Long diskBytes;
    /** Comma-separated IPv4 networks that may reach the user's units; null: the configured default. */
    private String allowedClients;
    private Instant createdAt;
    private boolean disabled;
    private Instant passwordChangedAt;

    protected AppUser() {
    }

    public AppUser(String name, String alias, String passwordHash, Role role, MemorySize memory, int cpuShares,
                   String home, Quota quota) {
        this.name = Objects.requireNonNull(name);
        this.alias = alias == null || alias.isBlank() ? name : alias;
        this.passwordHash = Objects.requireNonNull(passwordHash);
        this.role = Objects.requireNonNull(role);
        this.memory = memory.text();
        this.memoryBytes = memory.bytes();
        this.cpuShares = cpuShares;
        this.home = Objects.requireNonNull(home);
        this.maxUnits = quota.maxUnits();
        this.maxMemory = quota.maxMemory() == null ? null : quota.maxMemory().text();
        this.maxMemoryBytes = quota.maxMemory() == null ? null : quota.maxMemory().bytes();
        this.createdAt = Instant.now();
    }

    /**
     * Refuses one more unit when the user has {@code units} already and may have no more.
     *
     * @throws BerthException (conflict) naming the quota
     */
    public void checkRoomForUnit(long units) {
        if (maxUnits != null && units >= maxUnits) {
            throw BerthException.conflict("user " + name + " has " + units + " of at most " + maxUnits
                    + " units; delete one or raise the user's maxUnits");
        }
    }

    /**
     * Refuses to run one more unit when {@code running} units run already and one more would exceed the memory quota.
     *
     * @throws BerthException (conflict) naming what it would take
     */
    public void checkRoomToRun(long running) {
        if (maxMemoryBytes != null && (running + 1) * memoryBytes > maxMemoryBytes) {
            throw BerthException.conflict("starting one more unit of user " + name + " would use " + (running + 1)
                    + " x " + memory + " of memory, more than the user's maxMemory of " + maxMemory
                    + "; stop a unit or raise the quota");
        }
    }

    /**
     * Takes in what an imported docker_user.xml says about this user; role and quotas are no part of that file and
     * stay as they are.
     */
    public void redefine(String alias, String passwordHash, MemorySize memory, int cpuShares, String home) {
        this.alias = alias == null || alias.isBlank() ? name : alias;
        this.passwordHash = Objects.requireNonNull(passwordHash);
        this.memory = memory.text();
        this.memoryBytes = memory.bytes();
        this.cpuShares = cpuShares;
        this.home = Objects.requireNonNull(home);
    }

    /**
     * Takes in an admin's change of the user's alias, limits and quota; running units take them at their next start
     * (the limits are part of the container's configuration).
     */
    public void limit(String alias, MemorySize memory, int cpuShares, Quota quota) {
        this.alias = alias == null || alias.isBlank() ? name : alias;
        this.memory = memory.text();
        this.memoryBytes = memory.bytes();
        this.cpuShares = cpuShares;
        this.maxUnits = quota.maxUnits();
        this.maxMemory = quota.maxMemory() == null ? null : quota.maxMemory().text();
        this.maxMemoryBytes = quota.maxMemory() == null ? null : quota.maxMemory().bytes();
    }

    /** Replaces the password hash (a change by the user or a reset by an admin). */
    public void changePassword(String newHash) {
        this.passwordHash = Objects.requireNonNull(newHash);
        this.passwordChangedAt = Instant.now();
    }

    /** A disabled user cannot log in; their units are stopped by whoever disables them. */
    public void disable() {
        this.disabled = true;
    }

    public void enable() {
        this.disabled = false;
    }

    public boolean isDisabled() {
        return disabled;
    }

    public Instant getPasswordChangedAt() {
        return passwordChangedAt;
    }

    /**
     * Sets the networks that may reach the user's units (canonical IPv4 networks, checked by the caller); null goes
     * back to the configured default.
     */
    public void allowClients(List<String> networks) {
        this.allowedClients = networks == null ? null : String.join(",", networks);
    }

    /** The user's own allowed client networks, if an admin set them; empty: the configured default applies. */
    public Optional<List<String>> getAllowedClients() {
        return Optional.ofNullable(allowedClients)
                .map(list -> list.isEmpty() ? List.of() : Arrays.asList(list.split(",")));
    }

    /** Sets the size limit of the user's home; null goes back to the configured default. */
    public void limitDisk(MemorySize size) {
        this.disk = size == null ? null : size.text();
        this.diskBytes = size == null ? null : size.bytes();
    }

    /** The user's own home size limit, if an admin set one; empty: the configured default applies. */
    public Optional<MemorySize> getDisk() {
        return disk == null ? Optional.empty() : Optional.of(new MemorySize(disk, diskBytes));
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getAlias() {
        return alias;
    }

    /** The PBKDF2 hash of the password, for the legacy export only; never shown by the API. */
    public String getPasswordHash() {
        return passwordHash;
    }

    public Role getRole() {
        return role;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public String getMemory() {
        return memory;
    }

    public long getMemoryBytes() {
        return memoryBytes;
    }

    public int getCpuShares() {
        return cpuShares;
    }

    public String getHome() {
        return home;
    }

    public Integer getMaxUnits() {
        return maxUnits;
    }

    public String getMaxMemory() {
        return maxMemory;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
