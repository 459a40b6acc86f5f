package dev.berth.users.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.users.control.UnitIsolation;
import dev.berth.users.entity.AppUser;
import dev.berth.users.entity.MemorySize;
import dev.berth.users.entity.Profile;
import dev.berth.users.entity.Quota;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Profiles: the limits a user gets when the directory provisions them at their first login, chosen by their
 * directory groups ({@link Profile#firstFor}, else the default). Admins list, read, create, change and delete them;
 * the default cannot be deleted. A user keeps the limits they were provisioned with when their profile changes or
 * goes: an admin adjusts them as any user.
 */
@Stateless
public class Profiles {

    /** More groups than this on one profile is a sign of a mistake. */
    static final int MAX_GROUPS = 64;

    /**
     * What an admin gives for a profile.
     *
     * @param name           1 to 64 letters, digits, '.', '_' or '-' (as a login name); on a change, the path's
     * @param memory         memory per unit, Docker syntax ({@code 500m})
     * @param cpuShares      CPU weight per unit, 2..262144
     * @param maxUnits       optional quota: units the user may have
     * @param maxMemory      optional quota: memory all running units may use together
     * @param allowedClients optional: the IPv4 networks that may reach the user's units (default: configured)
     * @param groups         the directory groups the profile is for (none for the default profile)
     */
    public record ProfileRequest(String name, String memory, Integer cpuShares, Integer maxUnits, String maxMemory,
                                 List<String> allowedClients, List<String> groups) {

        /** The refusal of a request without a body. */
        public static final String MISSING = "the request body is missing: send {\"name\",\"memory\",\"cpuShares\","
                + "\"groups\"}";
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    public List<Profile> all() {
        return em.createNamedQuery(Profile.ALL, Profile.class).getResultList();
    }

    public Profile get(String name) {
        return em.createNamedQuery(Profile.BY_NAME, Profile.class).setParameter("name", name).getResultStream()
                .findFirst().orElseThrow(() -> BerthException.notFound("no profile named '" + name
                        + "' (GET /api/profiles lists them)"));
    }

    /** The profile for a member of {@code groups}: the first by name that names one of them, else the default. */
    public Profile forGroups(Set<String> groups) {
        List<Profile> all = all();
        return Profile.firstFor(all, groups).orElseGet(() -> all.stream().filter(Profile::isDefault).findFirst()
                .orElseThrow(() -> new IllegalStateException("no default profile: the schema makes one")));
    }

    /** The users provisioned with {@code profile}, by name. */
    public List<String> usersOf(Profile profile) {
        return em.createNamedQuery(AppUser.WITH_PROFILE, String.class).setParameter("profile", profile)
                .getResultList();
    }

    public Profile create(ProfileRequest request, Actor actor) {
        if (request == null) {
            throw BerthException.invalid(ProfileRequest.MISSING);
        }
        String name = request.name();
        if (name == null || !Users.NAME.matcher(name).matches()) {
            throw BerthException.invalid("name '" + name + "' is not a valid profile name: use 1 to 64 letters,"
                    + " digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (em.createNamedQuery(Profile.BY_NAME, Profile.class).setParameter("name", name).getResultStream()
                .findAny().isPresent()) {
            throw BerthException.conflict("profile '" + name + "' already exists; change it with PUT"
                    + " /api/profiles/" + name + ", or choose another name");
        }
        Profile.Limits limits = limits(request, false);
        Profile profile = new Profile(name, limits);
        em.persist(profile);
        audit.message(actor, "profile.create", "profile " + name, Outcome.SUCCEEDED, describe(limits));
        return profile;
    }

    /** Replaces the limits and groups of {@code name}; users provisioned with it keep theirs. */
    public Profile update(String name, ProfileRequest request, Actor actor) {
        Profile profile = get(name);
        if (request == null) {
            throw BerthException.invalid(ProfileRequest.MISSING);
        }
        if (request.name() != null && !request.name().equals(name)) {
            throw BerthException.invalid("a profile keeps its name: the body names '" + request.name()
                    + "', the path '" + name + "' (create a new profile instead)");
        }
        Profile.Limits limits = limits(request, profile.isDefault());
        profile.redefine(limits);
        audit.message(actor, "profile.update", "profile " + name, Outcome.SUCCEEDED, describe(limits)
                + "; users provisioned with it keep their limits");
        return profile;
    }

    /**
     * Deletes {@code name}; refused for the default. Users provisioned with it keep their limits and no longer name
     * it.
     */
    public void delete(String name, Actor actor) {
        Profile profile = get(name);
        if (profile.isDefault()) {
            throw BerthException.conflict("profile '" + name + "' is the default, for directory users of no"
                    + " profile's group, and cannot be deleted; change its limits instead (PUT /api/profiles/"
                    + name + ")");
        }
        List<String> users = usersOf(profile);
        em.createQuery("update AppUser u set u.profile = null where u.profile = :profile")
                .setParameter("profile", profile).executeUpdate();
        em.remove(profile);
        audit.message(actor, "profile.delete", "profile " + name, Outcome.SUCCEEDED, users.isEmpty()
                ? "no user was provisioned with it" : "users provisioned with it keep their limits: " + users);
    }

    private static Profile.Limits limits(ProfileRequest request, boolean isDefault) {
        MemorySize memory = MemorySize.parse(request.memory());
        Integer shares = request.cpuShares();
        if (shares == null) {
            throw BerthException.invalid("cpuShares is missing; 1024 is one full share");
        }
        if (shares < AppUser.MIN_CPU_SHARES || shares > AppUser.MAX_CPU_SHARES) {
            throw BerthException.invalid("cpuShares " + shares + " is outside what Docker accepts ("
                    + AppUser.MIN_CPU_SHARES + ".." + AppUser.MAX_CPU_SHARES + "); 1024 is one full share");
        }
        Quota quota = Quota.of(request.maxUnits(), request.maxMemory());
        List<String> clients = request.allowedClients() == null ? null
                : UnitIsolation.normalised(request.allowedClients());
        List<String> groups = groups(request.groups());
        if (isDefault && !groups.isEmpty()) {
            throw BerthException.invalid("the default profile is for directory users of no profile's group and"
                    + " names no groups; give the groups " + groups + " to a profile of their own");
        }
        return new Profile.Limits(memory, shares, quota, clients, groups);
    }

    private static List<String> groups(List<String> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_GROUPS) {
            throw BerthException.invalid("groups has " + given.size() + " names, more than " + MAX_GROUPS);
        }
        Set<String> groups = new LinkedHashSet<>();
        for (String group : given) {
            String name = group == null ? "" : group.strip();
            if (name.isEmpty() || name.contains(",") || name.length() > 200) {
                throw BerthException.invalid("groups: '" + group + "' is no directory group name (a group's cn:"
                        + " not empty, at most 200 characters, no comma)");
            }
            groups.add(name);
        }
        return new ArrayList<>(groups);
    }

    private static String describe(Profile.Limits limits) {
        return "memory " + limits.memory().text() + ", cpuShares " + limits.cpuShares()
                + (limits.quota().maxUnits() == null ? "" : ", maxUnits " + limits.quota().maxUnits())
                + (limits.quota().maxMemory() == null ? "" : ", maxMemory " + limits.quota().maxMemory().text())
                + (limits.allowedClients() == null ? "" : ", allowedClients " + limits.allowedClients())
                + ", groups " + limits.groups();
    }
}
