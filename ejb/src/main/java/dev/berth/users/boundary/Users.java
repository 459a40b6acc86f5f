package dev.berth.users.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.platform.control.Constraints;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.users.control.HomeDirectories;
import dev.berth.users.control.PasswordHashing;
import dev.berth.users.control.UnitIsolation;
import dev.berth.users.entity.AppUser;
import dev.berth.users.entity.MemorySize;
import dev.berth.users.entity.Profile;
import dev.berth.users.entity.Quota;
import dev.berth.users.entity.Role;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Users' use cases: create, read, change or reset a password, disable, enable and delete. Disabling stops the user's
 * running units; deleting is refused while the user has units (see {@link UserDisabled}, {@link UserRemoval}).
 */
@Stateless
public class Users {

    public static final int MIN_PASSWORD_LENGTH = 8;
    /** The longest alias the database keeps. */
    static final int MAX_ALIAS = 200;
    /** The most users one page of {@link #search} holds. */
    public static final int MAX_PAGE = 500;
    /**
     * What a login name may be: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit. Login
     * names also appear in container names, so they keep to what Docker accepts there.
     */
    public static final String NAME_RULE = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";
    public static final Pattern NAME = Pattern.compile(NAME_RULE);
    static final String NOT_A_NAME = "name '${validatedValue}' is not a valid login name: use 1 to 64 letters,"
            + " digits, '.', '_' or '-', starting with a letter or digit";
    static final String SHORT_PASSWORD = "password must have at least " + MIN_PASSWORD_LENGTH + " characters";
    static final String SHARES_OUTSIDE = "cpuShares ${validatedValue} is outside what Docker accepts ("
            + AppUser.MIN_CPU_SHARES + ".." + AppUser.MAX_CPU_SHARES + "); 1024 is one full share";

    /**
     * What an admin gives to create a user.
     *
     * @param memory    limit per unit, Docker syntax ({@code 500m})
     * @param cpuShares relative CPU weight per unit, 2..262144
     * @param home      optional absolute home directory inside the allowed roots
     * @param maxUnits  optional quota: units the user may have
     * @param maxMemory optional quota: memory all running units may use together
     * @param allowedClients optional: the IPv4 networks that may reach the user's units (default: configured)
     * @param disk      optional: the size limit of the user's home on each host (default: configured)
     */
    public record NewUser(
            @NotNull(message = "name is missing") @jakarta.validation.constraints.Pattern(regexp = NAME_RULE, message = NOT_A_NAME) String name,
            String alias,
            @NotNull(message = SHORT_PASSWORD) @Size(min = MIN_PASSWORD_LENGTH, message = SHORT_PASSWORD)
            String password,
            String memory,
            @NotNull(message = "cpuShares is missing; 1024 is one full share")
            @Min(value = AppUser.MIN_CPU_SHARES, message = SHARES_OUTSIDE)
            @Max(value = AppUser.MAX_CPU_SHARES, message = SHARES_OUTSIDE) Integer cpuShares,
            String home, Integer maxUnits, String maxMemory, List<String> allowedClients, String disk) {

        /** The refusal of a request without a body. */
        public static final String MISSING = "the request body is missing: send {\"name\",\"alias\",\"password\","
                + "\"memory\",\"cpuShares\"}";

        /**
         * Written out so that the constraints stay on the fields and accessors only: on the parameters of an implicit
         * canonical constructor Payara's OpenAPI scanner takes them for path parameters and fails (500 at /openapi).
         */
        public NewUser(String name, String alias, String password, String memory, Integer cpuShares, String home,
                       Integer maxUnits, String maxMemory, List<String> allowedClients, String disk) {
            this.name = name;
            this.alias = alias;
            this.password = password;
            this.memory = memory;
            this.cpuShares = cpuShares;
            this.home = home;
            this.maxUnits = maxUnits;
            this.maxMemory = maxMemory;
            this.allowedClients = allowedClients;
            this.disk = disk;
        }
    }

    /**
     * A password change: a user changing their own (administrators too) gives the current one; an admin resetting
     * another user's gives only the new one.
     *
     * @param current     the password now, required when changing one's own
     * @param newPassword the new password, at least {@link #MIN_PASSWORD_LENGTH} characters; JSON {@code "new"}
     */
    public record PasswordChange(String current, @JsonbProperty("new") String newPassword) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Validator validator;

    @Inject
    Event<UserDisabled> disabledEvents;

    @Inject
    Event<UserRemoval> removalEvents;

    @Inject
    Event<AccessRevoked> revocations;

    @EJB
    Logins logins;

    @Inject
    PasswordHashing passwords;

    @Inject
    AuditTrail audit;

    @Inject
    HomeDirectories homes;

    public AppUser create(NewUser request, Actor actor) {
        return create(request, Role.USER, actor);
    }

    /** The administrator of the first start; refused once any administrator exists. */
    public AppUser createFirstAdmin(String name, String password) {
        if (em.createQuery("select count(u) from AppUser u where u.role = :admin", Long.class)
                .setParameter("admin", Role.ADMIN).getSingleResult() > 0) {
            throw BerthException.conflict("an administrator exists already");
        }
        return create(new NewUser(name, "Administrator", password, "1g", 1024, null, null, null, null, null),
                Role.ADMIN, Actor.SYSTEM);
    }

    private AppUser create(NewUser request, Role role, Actor actor) {
        if (request == null) {
            throw BerthException.invalid(NewUser.MISSING);
        }
        Constraints.check(validator, request);
        return create(request, role, actor, passwords.hash(request.password()));
    }

    private AppUser create(NewUser request, Role role, Actor actor, String passwordHash) {
        String name = request.name();
        MemorySize memory = MemorySize.parse(request.memory());
        int shares = request.cpuShares();
        if (find(name).isPresent()) {
            throw BerthException.conflict("user '" + name + "' already exists; choose another name");
        }
        Quota quota = Quota.of(request.maxUnits(), request.maxMemory());
        String home = homes.homeOf(name, request.home()).toString();
        HomeDirectories.requireApart(Path.of(home), homesOfOthers(name));
        List<String> clients = request.allowedClients() == null ? null
                : UnitIsolation.normalised(request.allowedClients());
        AppUser user = new AppUser(name, request.alias(), passwordHash, role, memory, shares, home, quota);
        user.allowClients(clients);
        MemorySize disk = request.disk() == null ? null : UnitIsolation.parseDisk(request.disk());
        user.limitDisk(disk);
        em.persist(user);
        audit.user(actor, "user.create", name, Outcome.SUCCEEDED,
                "role " + role + ", memory " + memory.text() + ", cpuShares " + shares + ", home " + home
                        + (quota.maxUnits() == null ? "" : ", maxUnits " + quota.maxUnits())
                        + (quota.maxMemory() == null ? "" : ", maxMemory " + quota.maxMemory().text())
                        + (clients == null ? "" : ", allowedClients " + clients)
                        + (disk == null ? "" : ", disk " + disk.text()));
        return user;
    }

    /** What {@link #upsert} did. */
    public enum Upserted {
        CREATED, CHANGED, UNCHANGED
    }

    /**
     * The hash a password gets for {@link #upsert}, made outside any transaction (PBKDF2 takes tens of milliseconds,
     * see {@link PasswordHashing}): the user's current hash when the password is theirs already, a new one otherwise.
     *
     * @throws BerthException (invalid) for a password too short
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public String hashAhead(String name, String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw BerthException.invalid(SHORT_PASSWORD);
        }
        String current = name == null ? null : find(name).map(AppUser::getPasswordHash).orElse(null);
        return current != null && passwords.matches(password, current) ? current : passwords.hash(password);
    }

    /**
     * Makes {@code request}'s user, or brings an existing one in line with it (alias, limits, quota, disk, allowed
     * networks, password): each change audited as by {@link #create}, {@link #change} and a password reset. The
     * request's password is not read: {@code passwordHash} comes from {@link #hashAhead}. An administrator is not
     * changed this way, nor is the home of an existing user.
     */
    public Upserted upsert(NewUser request, String passwordHash, Actor actor) {
        requireAdmin(actor);
        if (request == null) {
            throw BerthException.invalid(NewUser.MISSING);
        }
        Set<ConstraintViolation<NewUser>> broken = validator.validate(request);
        broken.removeIf(violation -> violation.getPropertyPath().toString().equals("password"));
        if (!broken.isEmpty()) {
            throw BerthException.invalid(broken.stream().map(ConstraintViolation::getMessage).sorted().distinct()
                    .collect(Collectors.joining("; ")));
        }
        Objects.requireNonNull(passwordHash, "passwordHash");
        Optional<AppUser> existing = find(request.name());
        if (existing.isEmpty()) {
            create(request, Role.USER, actor, passwordHash);
            return Upserted.CREATED;
        }
        AppUser user = existing.get();
        if (user.isAdmin()) {
            throw BerthException.conflict("user '" + user.getName() + "' is an administrator; a batch does not"
                    + " change administrators");
        }
        UserChange change = new UserChange(request.alias(), request.memory(), request.cpuShares(),
                request.maxUnits(), request.maxMemory(), request.disk(), request.allowedClients());
        boolean limits = !limitsOf(user).equals(limitsOf(user.getName(), change));
        boolean password = !passwordHash.equals(user.getPasswordHash());
        if (limits) {
            change(user.getName(), change, actor);
        }
        if (password) {
            user.changePassword(passwordHash);
            logins.forget(user.getName());
            audit.user(actor, "user.password.reset", user.getName(), Outcome.SUCCEEDED, "reset by " + actor.name()
                    + "; any login lock of the name lifted");
        }
        return limits || password ? Upserted.CHANGED : Upserted.UNCHANGED;
    }

    /** A user's limits as {@link #change} would set them, normalised, to tell whether a change changes anything. */
    private static List<Object> limitsOf(String name, UserChange change) {
        Quota quota = Quota.of(change.maxUnits(), change.maxMemory());
        return Arrays.asList(change.alias() == null || change.alias().isBlank() ? name : change.alias(),
                MemorySize.parse(change.memory()).text(), change.cpuShares(), quota.maxUnits(),
                quota.maxMemory() == null ? null : quota.maxMemory().text(),
                change.disk() == null || change.disk().isBlank() ? null : UnitIsolation.parseDisk(change.disk()).text(),
                change.allowedClients() == null ? null : UnitIsolation.normalised(change.allowedClients()));
    }

    private static List<Object> limitsOf(AppUser user) {
        return Arrays.asList(user.getAlias(), user.getMemory(), user.getCpuShares(), user.getMaxUnits(),
                user.getMaxMemory(), user.getDisk().map(MemorySize::text).orElse(null),
                user.getAllowedClients().orElse(null));
    }

    /**
     * Makes the Berth user of someone the directory let in for the first time: no password, the limits of
     * {@code profile}, the home a user created by an admin without one gets.
     *
     * @param alias the directory's display name, or null
     */
    public AppUser provision(String name, String alias, Role role, Profile profile) {
        String home = homes.homeOf(name, null).toString();
        HomeDirectories.requireApart(Path.of(home), homesOfOthers(name));
        String shortAlias = alias == null || alias.length() <= MAX_ALIAS ? alias : alias.substring(0, MAX_ALIAS);
        AppUser user = AppUser.fromDirectory(name, shortAlias, role, profile, home);
        em.persist(user);
        audit.user(Actor.SYSTEM, "user.provision", name, Outcome.SUCCEEDED, "first login through the directory:"
                + " role " + role + ", profile " + profile.getName() + " (memory " + user.getMemory() + ", cpuShares "
                + user.getCpuShares() + (user.getMaxUnits() == null ? "" : ", maxUnits " + user.getMaxUnits())
                + (user.getMaxMemory() == null ? "" : ", maxMemory " + user.getMaxMemory())
                + user.getAllowedClients().map(c -> ", allowedClients " + c).orElse("") + "), home " + home);
        return user;
    }

    /**
     * Sets the size limit of the user's home on each host; null goes back to the configured default. A home grows
     * to a larger limit at the next start of a unit; a smaller one applies to homes made from then on.
     */
    public AppUser limitDisk(String name, String disk, Actor actor) {
        AppUser user = find(name).orElseThrow(() -> BerthException.notFound("no user named '" + name + "'"));
        MemorySize size = disk == null ? null : UnitIsolation.parseDisk(disk);
        user.limitDisk(size);
        audit.user(actor, "user.disk", name, Outcome.SUCCEEDED, size == null ? "back to the default" : size.text());
        return user;
    }

    /**
     * Sets the networks that may reach the user's units; null goes back to the configured default. Running units
     * take the new list at their next start.
     */
    public AppUser allowClients(String name, List<String> networks, Actor actor) {
        AppUser user = find(name).orElseThrow(() -> BerthException.notFound("no user named '" + name + "'"));
        List<String> clients = networks == null ? null : UnitIsolation.normalised(networks);
        user.allowClients(clients);
        audit.user(actor, "user.allowed-clients", name, Outcome.SUCCEEDED,
                clients == null ? "back to the default" : String.valueOf(clients));
        return user;
    }

    /** Every other user's home, by user name. */
    public Map<String, String> homesOfOthers(String name) {
        return em.createQuery("select u.name, u.home from AppUser u where u.name <> :name", Object[].class)
                .setParameter("name", name).getResultStream()
                .collect(Collectors.toMap(row -> (String) row[0], row -> (String) row[1]));
    }

    /** Every user, by name, for an admin; a user sees only their own record. */
    public List<AppUser> visibleTo(Actor actor) {
        if (actor.admin()) {
            return em.createQuery("select u from AppUser u order by u.name", AppUser.class).getResultList();
        }
        return find(actor.name()).stream().toList();
    }

    /** One page of users for an admin's list: {@code first} is the row to start at, {@code max} the page's size. */
    public List<AppUser> search(UserQuery query, int first, int max, Actor actor) {
        requireAdmin(actor);
        if (first < 0 || max < 1 || max > MAX_PAGE) {
            throw BerthException.invalid("a page starts at row 0 or later and has 1 to " + MAX_PAGE + " users");
        }
        return bind(em.createQuery("select u from AppUser u" + query.where() + query.orderBy(), AppUser.class), query)
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    /** How many users the query finds, for the list's pages. */
    public long count(UserQuery query, Actor actor) {
        requireAdmin(actor);
        return bind(em.createQuery("select count(u) from AppUser u" + query.where(), Long.class), query)
                .getSingleResult();
    }

    private static <T> TypedQuery<T> bind(TypedQuery<T> jpql, UserQuery query) {
        if (query.hasText()) {
            jpql.setParameter("text", query.pattern());
        }
        if (query.role() != null) {
            jpql.setParameter("role", query.role());
        }
        if (query.disabled() != null) {
            jpql.setParameter("disabled", query.disabled());
        }
        return jpql;
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.admin()) {
            throw BerthException.forbidden(actor.name() + " may read only their own user record");
        }
    }

    /**
     * Changes {@code name}'s alias, limits, quota, home size and allowed networks in one go, each checked as at
     * creation. Running units keep their limits until their next start.
     */
    public AppUser change(String name, UserChange change, Actor actor) {
        requireAdmin(actor);
        AppUser user = find(name).orElseThrow(() -> BerthException.notFound("no user named '" + name + "'"));
        if (change == null) {
            throw BerthException.invalid("the change is missing: give alias, memory, cpuShares and the optional"
                    + " quota, disk and allowedClients");
        }
        MemorySize memory = MemorySize.parse(change.memory());
        Integer shares = change.cpuShares();
        if (shares == null || shares < AppUser.MIN_CPU_SHARES || shares > AppUser.MAX_CPU_SHARES) {
            throw BerthException.invalid("cpuShares " + shares + " is outside what Docker accepts ("
                    + AppUser.MIN_CPU_SHARES + ".." + AppUser.MAX_CPU_SHARES + "); 1024 is one full share");
        }
        Quota quota = Quota.of(change.maxUnits(), change.maxMemory());
        MemorySize disk = change.disk() == null || change.disk().isBlank() ? null
                : UnitIsolation.parseDisk(change.disk());
        List<String> clients = change.allowedClients() == null ? null
                : UnitIsolation.normalised(change.allowedClients());
        user.limit(change.alias(), memory, shares, quota);
        user.limitDisk(disk);
        user.allowClients(clients);
        audit.user(actor, "user.change", name, Outcome.SUCCEEDED,
                "alias " + user.getAlias() + ", memory " + memory.text() + ", cpuShares " + shares
                        + ", maxUnits " + (quota.maxUnits() == null ? "none" : quota.maxUnits())
                        + ", maxMemory " + (quota.maxMemory() == null ? "none" : quota.maxMemory().text())
                        + ", disk " + (disk == null ? "default" : disk.text())
                        + ", allowedClients " + (clients == null ? "default" : clients)
                        + "; running units take it at their next start");
        return user;
    }

    public Optional<AppUser> find(String name) {
        return em.createNamedQuery(AppUser.BY_NAME, AppUser.class)
                .setParameter("name", name)
                .getResultStream()
                .findFirst();
    }

    public AppUser get(String name, Actor actor) {
        if (!actor.mayActFor(name)) {
            throw BerthException.forbidden(actor.name() + " may read only their own user record");
        }
        return find(name).orElseThrow(() -> BerthException.notFound("no user named '" + name + "'"));
    }

    /**
     * Changes {@code name}'s password: the user themselves with the current one, or an admin as a reset (which also
     * lifts a login lock of that name).
     */
    public AppUser changePassword(String name, PasswordChange change, Actor actor) {
        if (!actor.mayActFor(name)) {
            throw BerthException.forbidden(actor.name() + " may change only their own password; an administrator"
                    + " resets other users' passwords");
        }
        AppUser user = find(name).orElseThrow(() -> BerthException.notFound("no user named '" + name + "'"));
        user.requireLocalPassword();
        if (change == null || change.newPassword() == null) {
            throw BerthException.invalid("send {\"current\":\"<the password now>\",\"new\":\"<the new one>\"}"
                    + (actor.admin() ? " (an admin resetting another user's password sends only \"new\")" : ""));
        }
        if (change.newPassword().length() < MIN_PASSWORD_LENGTH) {
            throw BerthException.invalid("the new password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        boolean own = actor.name().equals(name);
        if (own) {
            if (change.current() == null) {
                throw BerthException.invalid("to change your own password, send the current one too: "
                        + "{\"current\":\"...\",\"new\":\"...\"}");
            }
            if (!passwords.matches(change.current(), user.getPasswordHash())) {
                throw BerthException.forbidden("the current password is not right; the password was not changed");
            }
        }
        user.changePassword(passwords.hash(change.newPassword()));
        logins.forget(name);
        audit.user(actor, own ? "user.password.change" : "user.password.reset", name, Outcome.SUCCEEDED,
                own ? "changed by the user" : "reset by administrator " + actor.name()
                        + "; any login lock of the name lifted");
        return user;
    }

    /**
     * Disables {@code name}: they can no longer log in, and each of their units that runs (or is starting, or failed
     * with its container perhaps still there) is stopped. Their units, files and audit trail stay; enable undoes
     * the login part (units stay stopped until started again).
     *
     * @return the units stopped
     */
    public List<Long> disable(String name, Actor actor) {
        AppUser user = changeable(name, actor, "disabled");
        user.disable();
        logins.forget(name);
        UserDisabled disabled = new UserDisabled(name, actor);
        disabledEvents.fire(disabled);
        revocations.fire(new AccessRevoked(name, "disabled by " + actor.name()));
        audit.user(actor, "user.disable", name, Outcome.SUCCEEDED, "logins refused from now on; "
                + (disabled.stoppedUnits().isEmpty() ? "no unit was running"
                : "units stopped: " + disabled.stoppedUnits()));
        return disabled.stoppedUnits();
    }

    /** Lets a disabled user log in again (and lifts a login lock of the name); their units stay as they are. */
    public AppUser enable(String name, Actor actor) {
        AppUser user = find(name).orElseThrow(() -> BerthException.notFound("no user named '" + name + "'"));
        user.enable();
        logins.forget(name);
        audit.user(actor, "user.enable", name, Outcome.SUCCEEDED, "logins allowed again; units unchanged");
        return user;
    }

    /**
     * Deletes {@code name}, refused while they still have units (delete those first: DELETE /api/units/{id}). Their
     * edited configuration files go with them; the audit trail and the home directory on the hosts stay.
     */
    public void delete(String name, Actor actor) {
        AppUser user = changeable(name, actor, "deleted");
        removalEvents.fire(new UserRemoval(name, actor));
        revocations.fire(new AccessRevoked(name, "deleted by " + actor.name()));
        em.remove(user);
        logins.forget(name);
        audit.user(actor, "user.delete", name, Outcome.SUCCEEDED, "deleted; home " + user.getHome()
                + " left on the hosts; audit records kept");
    }

    private AppUser changeable(String name, Actor actor, String what) {
        AppUser user = find(name).orElseThrow(() -> BerthException.notFound("no user named '" + name + "'"));
        if (user.isAdmin()) {
            throw BerthException.conflict("user '" + name + "' is an administrator and cannot be " + what
                    + "; rotate the administrator's password instead (PUT /api/users/" + name
                    + "/password, or ./berth admin-password)");
        }
        return user;
    }
}
