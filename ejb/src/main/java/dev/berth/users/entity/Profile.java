package dev.berth.users.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The limits a user gets when the directory provisions them at their first login, chosen by the user's directory
 * groups: memory and CPU shares per unit, the quotas, the networks that may reach their units. One profile is the
 * default, for users in no profile's group; it cannot be deleted. Changing a profile changes no user provisioned
 * with it: an admin adjusts such a user as any other.
 */
@Entity
@Table(name = "profile")
@NamedQuery(name = Profile.ALL, query = "select p from Profile p order by p.name")
@NamedQuery(name = Profile.BY_NAME, query = "select p from Profile p where p.name = :name")
public class Profile {

    public static final String ALL = "Profile.all";
    public static final String BY_NAME = "Profile.byName";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    private String memory;
    private long memoryBytes;
    private int cpuShares;
    private Integer maxUnits;
    private String maxMemory;
    private Long maxMemoryBytes;
    /** Comma-separated IPv4 networks; null: the configured default. */
    private String allowedClients;
    /** Comma-separated directory group names, as given. */
    private String groupsList;
    private boolean isDefault;
    private Instant createdAt;

    protected Profile() {
    }

    public Profile(String name, Limits limits) {
        this.name = Objects.requireNonNull(name);
        this.createdAt = Instant.now();
        redefine(limits);
    }

    /**
     * What a profile gives, checked by the caller.
     *
     * @param allowedClients canonical IPv4 networks, or null for the configured default
     * @param groups         directory group names (none for the default profile)
     */
    public record Limits(MemorySize memory, int cpuShares, Quota quota, List<String> allowedClients,
                         List<String> groups) {

        public Limits {
            Objects.requireNonNull(memory);
            Objects.requireNonNull(quota);
            groups = groups == null ? List.of() : List.copyOf(groups);
        }
    }

    /** Replaces every limit and the groups. */
    public void redefine(Limits limits) {
        this.memory = limits.memory().text();
        this.memoryBytes = limits.memory().bytes();
        this.cpuShares = limits.cpuShares();
        this.maxUnits = limits.quota().maxUnits();
        this.maxMemory = limits.quota().maxMemory() == null ? null : limits.quota().maxMemory().text();
        this.maxMemoryBytes = limits.quota().maxMemory() == null ? null : limits.quota().maxMemory().bytes();
        this.allowedClients = limits.allowedClients() == null ? null : String.join(",", limits.allowedClients());
        this.groupsList = String.join(",", limits.groups());
    }

    /**
     * The profile for a user of {@code groups}, if one names one of them: the first such by name (group names
     * compared without regard to case, as directories do). The default profile names no group; it is for the rest.
     */
    public static Optional<Profile> firstFor(Collection<Profile> profiles, Set<String> groups) {
        Set<String> lower = groups.stream().map(g -> g.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return profiles.stream().filter(p -> !p.isDefault).sorted(Comparator.comparing(Profile::getName))
                .filter(p -> p.getGroups().stream().anyMatch(g -> lower.contains(g.toLowerCase(Locale.ROOT))))
                .findFirst();
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public MemorySize getMemory() {
        return new MemorySize(memory, memoryBytes);
    }

    public int getCpuShares() {
        return cpuShares;
    }

    public Quota getQuota() {
        return new Quota(maxUnits, maxMemory == null ? null : new MemorySize(maxMemory, maxMemoryBytes));
    }

    /** The profile's own allowed client networks; empty: the configured default applies. */
    public Optional<List<String>> getAllowedClients() {
        return Optional.ofNullable(allowedClients)
                .map(list -> list.isEmpty() ? List.of() : Arrays.asList(list.split(",")));
    }

    public List<String> getGroups() {
        return groupsList == null || groupsList.isEmpty() ? List.of() : Arrays.asList(groupsList.split(","));
    }

    public boolean isDefault() {
        return isDefault;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
