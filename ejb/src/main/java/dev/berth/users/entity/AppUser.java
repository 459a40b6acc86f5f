package dev.berth.users.entity;

import dev.berth.platform.entity.BerthException;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A person who logs in and owns units; {@code USER} is reserved in SQL, hence the name. A local user's password is
 * verified against the hash kept here; a user from the directory ({@link Origin#DIRECTORY}) has none, and their role
 * follows their directory groups at every login.
 */
@Entity
@Table(name = "app_user")
@NamedQuery(name = AppUser.BY_NAME, query = "select u from AppUser u where u.name = :name")
@NamedQuery(name = AppUser.DIRECTORY_LOGINS_SINCE, query = "select u from AppUser u where u.origin = :directory"
        + " and u.directoryLoginAt >= :since order by u.name")
@NamedQuery(name = AppUser.WITH_PROFILE, query = "select u.name from AppUser u where u.profile = :profile"
        + " order by u.name")
public class AppUser {

    public static final String BY_NAME = "AppUser.byName";
    public static final String DIRECTORY_LOGINS_SINCE = "AppUser.directoryLoginsSince";
    public static final String WITH_PROFILE = "AppUser.withProfile";

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
    @Enumerated(EnumType.STRING)
    private Origin origin = Origin.LOCAL;
    /** The profile a directory user was provisioned with. */
    @ManyToOne
    @JoinColumn(name = "profile_id")
    private Profile profile;
    /** The last login through the directory (directory users only). */
    private Instant directoryLoginAt;

    protected AppUser() {
    }

    /**
     * A user the directory let in for the first time: no password in Berth, the limits of {@code profile}.
     *
     * @param alias a display name from the directory, or null
     */
    public static AppUser fromDirectory(String name, String alias, Role role, Profile profile, String home) {
        AppUser user = new AppUser();
        user.name = Objects.requireNonNull(name);
        user.alias = alias == null || alias.isBlank() ? name : alias;
        user.role = Objects.requireNonNull(role);
        user.memory = profile.getMemory().text();
        user.memoryBytes = profile.getMemory().bytes();
        user.cpuShares = profile.getCpuShares();
        user.home = Objects.requireNonNull(home);
        user.maxUnits = profile.getQuota().maxUnits();
        MemorySize maxMemory = profile.getQuota().maxMemory();
        user.maxMemory = maxMemory == null ? null : maxMemory.text();
        user.maxMemoryBytes = maxMemory == null ? null : maxMemory.bytes();
        user.allowClients(profile.getAllowedClients().orElse(null));
        user.createdAt = Instant.now();
        user.origin = Origin.DIRECTORY;
        user.profile = profile;
        return user;
    }

    /**
     * The directory let this user in at {@code at}, with {@code role} by their groups now.
     *
     * @return the role they had before, when it changed
     */
    public Optional<Role> admittedByDirectory(Role role, Instant at) {
        requireFromDirectory();
        Role before = this.role;
        this.role = Objects.requireNonNull(role);
        this.directoryLoginAt = at;
        return before == role ? Optional.empty() : Optional.of(before);
    }

    /** The directory no longer lets this user in: the periodic check need not look at them until they log in again. */
    public void refusedByDirectory() {
        requireFromDirectory();
        this.directoryLoginAt = null;
    }

    private void requireFromDirectory() {
        if (origin != Origin.DIRECTORY) {
            throw new IllegalStateException("user " + name + " is no directory user");
        }
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
        requireLocalPassword();
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
        requireLocalPassword();
        this.passwordHash = Objects.requireNonNull(newHash);
        this.passwordChangedAt = Instant.now();
    }

    /**
     * Refuses to give a password to a user from the directory: their password is the directory's.
     *
     * @throws BerthException (conflict) saying so
     */
    public void requireLocalPassword() {
        if (origin == Origin.DIRECTORY) {
            throw BerthException.conflict("user '" + name + "' logs in through the directory; their password is"
                    + " changed there, not in Berth");
        }
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

    /**
     * The PBKDF2 hash of the password (the login, the legacy export); never shown by the API. Null for a user from
     * the directory.
     */
    public String getPasswordHash() {
        return passwordHash;
    }

    public Origin getOrigin() {
        return origin;
    }

    public boolean isFromDirectory() {
        return origin == Origin.DIRECTORY;
    }

    /** The profile a directory user was provisioned with; empty for local users (and if it was deleted since). */
    public Optional<Profile> getProfile() {
        return Optional.ofNullable(profile);
    }

    public Instant getDirectoryLoginAt() {
        return directoryLoginAt;
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
