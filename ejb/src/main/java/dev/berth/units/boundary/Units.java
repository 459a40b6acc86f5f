package dev.berth.units.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.commands.control.CommandPublisher;
import dev.berth.commands.entity.Command;
import dev.berth.hosts.boundary.HostRemoval;
import dev.berth.hosts.boundary.Hosts;
import dev.berth.hosts.entity.Host;
import dev.berth.platform.control.Constraints;
import dev.berth.platform.control.Failpoints;
import dev.berth.platform.control.ManagerConfig;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.AgentCommand;
import dev.berth.protocol.AllowClients;
import dev.berth.protocol.Cidr;
import dev.berth.protocol.CommandType;
import dev.berth.protocol.ContainerSpec;
import dev.berth.protocol.DeleteUnit;
import dev.berth.protocol.StartUnit;
import dev.berth.protocol.StopUnit;
import dev.berth.units.control.SessionClients;
import dev.berth.units.control.StartFiles;
import dev.berth.units.entity.DesiredState;
import dev.berth.units.entity.Unit;
import dev.berth.units.entity.UnitState;
import dev.berth.users.boundary.UserDisabled;
import dev.berth.users.boundary.UserRemoval;
import dev.berth.users.boundary.Users;
import dev.berth.users.control.UnitIsolation;
import dev.berth.users.entity.AppUser;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Units' use cases. Each public method is one transaction: the state change, the command row, the audit record and
 * the JMS send to the host's agent commit together or not at all.
 */
@Stateless
public class Units {

    @Inject
    ManagerConfig config;

    /** An image reference: repository with an optional tag; never pulled, so it must be loaded on the host. */
    static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._/-]{0,199}(:[A-Za-z0-9_][A-Za-z0-9._-]{0,127})?");

    /**
     * What an admin gives to define a unit.
     *
     * @param image optional; the configured default image when absent
     */
    public record NewUnit(
            @NotBlank(message = "user is missing: name the unit's owner") String user,
            @NotBlank(message = "host is missing: name the host the unit runs on (GET /api/hosts)") String host,
            @NotNull(message = "port is missing: the unit's port on its host, " + Host.MIN_PORT + ".." + Host.MAX_PORT)
            @Min(value = Host.MIN_PORT, message = PORT_OUTSIDE) @Max(value = Host.MAX_PORT, message = PORT_OUTSIDE)
            Integer port,
            String image) {

        /** The refusal of a request without a body. */
        public static final String MISSING = "the request body is missing: send {\"user\",\"host\",\"port\",\"image\"?}";
        static final String PORT_OUTSIDE = "port ${validatedValue} is outside " + Host.MIN_PORT + ".." + Host.MAX_PORT;

        /** Written out for the same reason as {@code Users.NewUser}'s: no constraints on constructor parameters. */
        public NewUnit(String user, String host, Integer port, String image) {
            this.user = user;
            this.host = host;
            this.port = port;
            this.image = image;
        }
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    Validator validator;

    @EJB
    Users users;

    @Inject
    UnitIsolation isolation;

    @EJB
    Hosts hosts;

    @EJB
    CommandPublisher publisher;

    @Inject
    Failpoints failpoints;

    @Inject
    StartFiles startFiles;

    @Inject
    SessionClients sessionClients;

    @Inject
    AuditTrail audit;

    @Inject
    Event<UnitChanged> changed;

    /**
     * What a client's login did with one of its user's units.
     *
     * @param started whether the login started it (false: it ran already and was joined, or could not start)
     * @param note    what happened, for the person who logged in: joined, started, or why it could not start
     */
    public record ClientStart(long unitId, boolean started, String note) {
    }

    /** Defines a unit; only an admin does (the REST layer says so too, the console relies on this). */
    public Unit create(NewUnit request, Actor actor) {
        if (!actor.admin()) {
            throw BerthException.forbidden(actor.name() + " may not define units; an admin defines them");
        }
        if (request == null) {
            throw BerthException.invalid(NewUnit.MISSING);
        }
        Constraints.check(validator, request);
        AppUser owner = users.find(request.user())
                .orElseThrow(() -> BerthException.invalid("no user named '" + request.user() + "'; create the user"
                        + " first (POST /api/users)"));
        Host host = hosts.find(request.host())
                .orElseThrow(() -> BerthException.invalid("no host named '" + request.host() + "'; a host appears"
                        + " when its agent first reports (GET /api/hosts lists them)"));
        int port = request.port();
        host.checkPortAllowed(port);
        String image = request.image() == null || request.image().isBlank() ? config.unitDefaultImage()
                : imageReference(request.image());
        em.createNamedQuery(Unit.ON_PORT, Unit.class)
                .setParameter("host", host)
                .setParameter("port", port)
                .getResultStream()
                .findFirst()
                .ifPresent(taken -> {
                    throw BerthException.conflict("port " + port + " on host " + host.getName() + " is in use by unit "
                            + taken.getId() + " of user " + taken.getOwner().getName() + "; choose another port");
                });
        owner.checkRoomForUnit(em.createNamedQuery(Unit.COUNT_OF_OWNER, Long.class)
                .setParameter("owner", owner).getSingleResult());
        Unit unit = new Unit(owner, host, port, image);
        try {
            // the unique constraint (host, port) decides a race between two requests, before anything else is
            // written; with identity ids the insert happens at persist already
            em.persist(unit);
            em.flush();
        } catch (PersistenceException e) {
            throw BerthException.conflict("port " + port + " on host " + host.getName() + " was taken by another"
                    + " unit a moment ago; choose another port");
        }
        audit.unit(actor, "unit.create", unit.getId(), owner.getName(), Outcome.SUCCEEDED,
                host.getName() + ":" + port + " image " + image);
        changed.fire(new UnitChanged(unit.getId(), owner.getName(), unit.getState()));
        return unit;
    }

    /** The image an admin gives, trimmed, if it is an image reference. */
    private static String imageReference(String image) {
        String trimmed = image.trim();
        if (!IMAGE.matcher(trimmed).matches()) {
            throw BerthException.invalid("image '" + trimmed + "' is no image reference such as berth/esproc-unit:1");
        }
        return trimmed;
    }

    /**
     * Changes the image a unit's container is made from; only an admin does. It takes effect at the unit's next
     * start, which makes the container anew and goes back to the old one if the new one does not become ready.
     */
    public Unit changeImage(long id, String image, Actor actor) {
        if (!actor.admin()) {
            throw BerthException.forbidden(actor.name() + " may not change a unit's image; an admin does");
        }
        Unit unit = get(id, actor);
        if (image == null || image.isBlank()) {
            throw BerthException.invalid("image is missing: send {\"image\":\"berth/esproc-unit:1\"}");
        }
        String wanted = imageReference(image);
        String old = unit.changeImage(wanted);
        audit.unit(actor, "unit.image", unit.getId(), unit.getOwner().getName(), Outcome.SUCCEEDED,
                "image " + old + " -> " + wanted + "; the next start makes the container anew");
        changed.fire(new UnitChanged(unit.getId(), unit.getOwner().getName(), unit.getState()));
        return unit;
    }

    /** The images the units of {@code host} are made from, and the default image: what a clean-up keeps. */
    public List<String> imagesInUse(String host) {
        LinkedHashSet<String> images = new LinkedHashSet<>(em.createNamedQuery(Unit.IMAGES_ON_HOST, String.class)
                .setParameter("host", host).getResultList());
        images.add(config.unitDefaultImage());
        return List.copyOf(images);
    }

    /** The unit on {@code host}'s {@code port}, if one is defined there. */
    public Optional<Unit> onPort(String host, int port) {
        return em.createQuery("select u from Unit u where u.host.name = :host and u.port = :port", Unit.class)
                .setParameter("host", host).setParameter("port", port).getResultStream().findFirst();
    }

    public List<Unit> visibleTo(Actor actor) {
        if (actor.admin()) {
            return em.createNamedQuery(Unit.ALL, Unit.class).getResultList();
        }
        return em.createNamedQuery(Unit.OF_OWNER, Unit.class).setParameter("owner", actor.name()).getResultList();
    }

    /** A page of the units {@code actor} sees: at most {@code limit} of them with an id above {@code after}. */
    public List<Unit> visibleTo(Actor actor, long after, int limit) {
        TypedQuery<Unit> query = actor.admin() ? em.createNamedQuery(Unit.PAGE, Unit.class)
                : em.createNamedQuery(Unit.PAGE_OF_OWNER, Unit.class).setParameter("owner", actor.name());
        return query.setParameter("after", after).setMaxResults(limit).getResultList();
    }

    public Unit get(long id, Actor actor) {
        Unit unit = em.find(Unit.class, id);
        if (unit == null) {
            throw BerthException.notFound("no unit with id " + id);
        }
        if (!actor.mayActFor(unit.getOwner().getName())) {
            throw BerthException.forbidden("unit " + id + " belongs to another user; " + actor.name()
                    + " may act only on their own units");
        }
        return unit;
    }

    public Command start(long id, Actor actor) {
        // a test's crash inside this commit: enlisted first, so the database and the broker are both left prepared
        failpoints.haltInCommit();
        return start(get(id, actor), actor);
    }

    /**
     * Gets a user's units going for a client who logged in: a unit that runs (or is starting) is joined and told to
     * accept the client too; one that is down is started (its start carries the client); one that cannot start now
     * is left with the reason, and does not keep the others from starting.
     */
    public List<ClientStart> startForClient(String owner, Actor actor) {
        List<ClientStart> outcomes = new ArrayList<>();
        for (Unit unit : em.createNamedQuery(Unit.OF_OWNER, Unit.class).setParameter("owner", owner)
                .getResultList()) {
            if (unit.isUp()) {
                allowClients(unit, actor);
                outcomes.add(new ClientStart(unit.getId(), false, "joined: it was " + unit.getState() + " already"));
            } else if (!unit.isStartable()) {
                outcomes.add(new ClientStart(unit.getId(), false, "not started: unit " + unit.getId() + " is "
                        + unit.getState() + "; log in again once it has stopped"));
            } else {
                try {
                    // every refusal of a start comes before it changes anything
                    start(unit, actor);
                    outcomes.add(new ClientStart(unit.getId(), true, "started"));
                } catch (BerthException refused) {
                    outcomes.add(new ClientStart(unit.getId(), false, "not started: " + refused.getMessage()));
                }
            }
        }
        return outcomes;
    }

    /**
     * Stops those of the units a client's login started that still run, as its session ends.
     *
     * @return the units stopped
     */
    public List<Long> stopForClient(List<Long> started, Actor actor) {
        List<Long> stopped = new ArrayList<>();
        for (Long id : started) {
            Unit unit = em.find(Unit.class, id);
            if (unit != null && unit.isStoppable()) {
                stop(unit, actor);
                stopped.add(id);
            }
        }
        return stopped;
    }

    /**
     * Tells the agents of each of the user's units that runs which clients may reach it now (after a session opened
     * or ended); the others learn it at their next start.
     */
    public void allowClients(String owner, Actor actor) {
        for (Unit unit : em.createNamedQuery(Unit.OF_OWNER, Unit.class).setParameter("owner", owner)
                .getResultList()) {
            if (unit.isUp()) {
                allowClients(unit, actor);
            }
        }
    }

    private void allowClients(Unit unit, Actor actor) {
        Command command = newCommand(CommandType.ALLOW_CLIENTS, unit, actor);
        AppUser owner = unit.getOwner();
        dispatch(unit, command, new AllowClients(command.getId(), unit.getId(), owner.getName(), unit.getPort(),
                isolation.uid(owner), clientsOf(owner), peersOf(unit)), actor);
    }

    /** The networks that may reach the user's units: the allowed ones, and the addresses of the user's sessions. */
    private List<String> clientsOf(AppUser owner) {
        LinkedHashSet<String> clients = new LinkedHashSet<>(isolation.allowedClients(owner));
        sessionClients.of(owner.getName()).stream().filter(Cidr::isAddress).map(address -> address + "/32")
                .forEach(clients::add);
        return List.copyOf(clients);
    }

    private Command start(Unit unit, Actor actor) {
        return start(unit, actor, false);
    }

    private Command start(Unit unit, Actor actor, boolean repair) {
        long id = unit.getId();
        if (unit.getOwner().isDisabled()) {
            throw BerthException.conflict("user " + unit.getOwner().getName() + " is disabled; an admin enables"
                    + " them first (POST /api/users/" + unit.getOwner().getName() + "/enable), then start unit " + id);
        }
        unit.getOwner().checkRoomToRun(em.createNamedQuery(Unit.COUNT_RUNNING_OF_OWNER, Long.class)
                .setParameter("owner", unit.getOwner()).setParameter("except", unit.getId()).getSingleResult());
        Command command = newCommand(CommandType.START, unit, actor);
        if (repair) {
            unit.requestRepairStart(command.getId());
        } else {
            unit.requestStart(command.getId());
        }
        // a person's start ends a streak of restarts: what follows is a streak of its own
        unit.endStreak();
        return dispatch(unit, command, startOf(unit, command.getId()), actor);
    }

    /**
     * Starts a unit again whose container ended, for the reconciler, as the next restart of its streak; refused as
     * any start is (a disabled owner, a host that cannot start units, the owner's quota), before anything changes.
     * Only the first restart of a streak is audited here (the reconciler audits why); the command is kept as any.
     */
    public Command restart(Unit unit) {
        String refusal = whyNotRestartable(unit);
        if (refusal != null) {
            throw BerthException.conflict(refusal);
        }
        Command command = newCommand(CommandType.START, unit, Actor.RECONCILER);
        unit.restarting(command.getId());
        em.persist(command);
        publisher.send(unit.getHost().getName(), startOf(unit, command.getId()), config.commandTimeout());
        if (unit.getRestarts() == 1) {
            audit.unit(Actor.RECONCILER, action(CommandType.START), unit.getId(), unit.getOwner().getName(),
                    Outcome.ACCEPTED, "command " + command.getId() + " sent to host " + unit.getHost().getName()
                            + " (the first restart of a streak; the next ones are summarised when it ends)");
        }
        changed.fire(new UnitChanged(unit.getId(), unit.getOwner().getName(), unit.getState()));
        return command;
    }

    /** Why the reconciler may not start a unit again now (as a person's start would be refused); null: it may. */
    public String whyNotRestartable(Unit unit) {
        if (unit.getOwner().isDisabled()) {
            return "user " + unit.getOwner().getName() + " is disabled";
        }
        String notStartable = unit.getHost().whyNotStartable();
        if (notStartable != null) {
            return notStartable;
        }
        try {
            unit.getOwner().checkRoomToRun(em.createNamedQuery(Unit.COUNT_RUNNING_OF_OWNER, Long.class)
                    .setParameter("owner", unit.getOwner()).setParameter("except", unit.getId()).getSingleResult());
            return null;
        } catch (BerthException full) {
            return full.getMessage();
        }
    }

    /** Stops, for the reconciler, a unit stopped through Berth whose container runs again. */
    public Command stopAgain(Unit unit) {
        return stop(unit, Actor.RECONCILER);
    }

    /** The START command a start of the unit sends now. */
    private StartUnit startOf(Unit unit, String commandId) {
        AppUser owner = unit.getOwner();
        ContainerSpec container = new ContainerSpec(unit.containerName(), unit.getImage(), unit.getPort(),
                owner.getMemoryBytes(), owner.getCpuShares(), owner.getHome(), unit.getHost().getShareDir(),
                startFiles.of(owner), isolation.uid(owner), isolation.pidsLimit(), isolation.nofileLimit(),
                clientsOf(owner), isolation.disk(owner).bytes(), peersOf(unit), otherHosts(unit));
        return new StartUnit(commandId, unit.getId(), owner.getName(), container, config.unitReadinessSeconds());
    }

    /**
     * A unit of a host as it is kept and as a start would make it now, for a drift survey of the host.
     *
     * @param start the START a start would send now; null when none can be made (the reason in {@code problem})
     */
    public record Expectation(long unitId, String owner, int port, UnitState state, DesiredState desired,
                              StartUnit start, String problem) {
    }

    /** Every unit of the host, with the start each would get now; reads only. */
    public List<Expectation> expectationsOn(String host) {
        List<Expectation> expected = new ArrayList<>();
        for (Unit unit : em.createNamedQuery(Unit.ON_HOST, Unit.class).setParameter("host", host).getResultList()) {
            StartUnit start = null;
            String problem = null;
            try {
                start = startOf(unit, "survey-" + unit.getId());
            } catch (RuntimeException e) {
                problem = e.getMessage();
            }
            expected.add(new Expectation(unit.getId(), unit.getOwner().getName(), unit.getPort(), unit.getState(),
                    unit.getDesiredState(), start, problem));
        }
        return expected;
    }

    /**
     * Starts a unit to repair drift: as {@link #start(long, Actor)}, and a RUNNING unit too (its container is
     * missing, exited or made from other settings: the agent's start makes it again).
     */
    public Command startToRepair(long id, Actor actor) {
        return start(get(id, actor), actor, true);
    }

    /**
     * The user's units on other hosts, as {@code address:port}: a user's esProc nodes form one cluster, across hosts
     * too. Hosts known by a name rather than an IPv4 address are left out (firewall rules take addresses).
     */
    private List<String> peersOf(Unit unit) {
        return em.createNamedQuery(Unit.OF_OWNER_ELSEWHERE, Unit.class).setParameter("owner", unit.getOwner())
                .setParameter("host", unit.getHost()).getResultStream()
                .map(peer -> peer.getHost().getAddress() + ":" + peer.getPort()).filter(Cidr::isEndpoint).toList();
    }

    /** The IPv4 addresses of Berth's other hosts, none of which a unit may reach but for its user's peers. */
    private List<String> otherHosts(Unit unit) {
        return hosts.all().stream().filter(h -> !h.getName().equals(unit.getHost().getName()))
                .map(Host::getAddress).filter(Cidr::isAddress)
                .filter(address -> !address.equals(unit.getHost().getAddress())).distinct().toList();
    }

    public Command stop(long id, Actor actor) {
        return stop(get(id, actor), actor);
    }

    private Command stop(Unit unit, Actor actor) {
        Command command = newCommand(CommandType.STOP, unit, actor);
        unit.requestStop(command.getId());
        unit.endStreak();
        return dispatch(unit, command, new StopUnit(command.getId(), unit.getId(), unit.getOwner().getName()), actor);
    }

    public Command delete(long id, Actor actor) {
        Unit unit = get(id, actor);
        Command command = newCommand(CommandType.DELETE, unit, actor);
        unit.requestDelete(command.getId());
        return dispatch(unit, command, new DeleteUnit(command.getId(), unit.getId(), unit.getOwner().getName()),
                actor);
    }

    /** A disabled user's units stop: each one that runs, starts, or failed with its container perhaps still up. */
    public void stopUnitsOf(@Observes UserDisabled disabled) {
        for (Unit unit : em.createNamedQuery(Unit.OF_OWNER, Unit.class).setParameter("owner", disabled.user())
                .getResultList()) {
            if (unit.isStoppable()) {
                Command command = newCommand(CommandType.STOP, unit, disabled.actor());
                unit.requestStop(command.getId());
                dispatch(unit, command, new StopUnit(command.getId(), unit.getId(), unit.getOwner().getName()),
                        disabled.actor());
                disabled.stoppedUnits().add(unit.getId());
            }
        }
    }

    /** A user who still has units is not deleted: their containers and ports would be left without an owner. */
    public void refuseRemovalWithUnits(@Observes UserRemoval removal) {
        List<Long> ids = em.createNamedQuery(Unit.OF_OWNER, Unit.class).setParameter("owner", removal.user())
                .getResultStream().map(Unit::getId).toList();
        if (!ids.isEmpty()) {
            throw BerthException.conflict("user " + removal.user() + " still has " + ids.size() + " unit(s) " + ids
                    + "; delete them first (DELETE /api/units/{id}), then delete the user");
        }
    }

    /** A host that still has units is not removed: their containers and ports would be left without a host. */
    public void refuseHostRemovalWithUnits(@Observes HostRemoval removal) {
        long units = em.createNamedQuery(Unit.COUNT_ON_HOST, Long.class).setParameter("host", removal.host())
                .getSingleResult();
        if (units > 0) {
            throw BerthException.conflict("host " + removal.host() + " still has " + units + " unit(s); delete them"
                    + " first (GET /api/units lists them)");
        }
    }

    private static Command newCommand(CommandType type, Unit unit, Actor actor) {
        return new Command(type, unit.getId(), unit.getHost().getName(), actor.name(), unit.getOwner().getName());
    }

    private Command dispatch(Unit unit, Command command, AgentCommand message, Actor actor) {
        em.persist(command);
        publisher.send(unit.getHost().getName(), message, config.commandTimeout());
        audit.unit(actor, action(command.getType()), unit.getId(), unit.getOwner().getName(), Outcome.ACCEPTED,
                "command " + command.getId() + " sent to host " + unit.getHost().getName());
        if (unit.isDecidedBy(command.getId())) {
            // a start, stop or delete set the unit's state; an ALLOW_CLIENTS leaves it as it was
            changed.fire(new UnitChanged(unit.getId(), unit.getOwner().getName(), unit.getState()));
        }
        return command;
    }

    /** Notes, in a transaction of its own, a log chunk for a unit that came from another account than its agent. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void forgedLogs(long unitId, String host, String sender) {
        Unit unit = em.find(Unit.class, unitId);
        audit.unit(Actor.sender(sender), "agent.forged", unitId, unit == null ? null : unit.getOwner().getName(),
                Outcome.FAILED, "a log answer for unit " + unitId + " (asked of host " + host + ") came from broker"
                        + " account " + sender + "; dropped");
    }

    private static String action(CommandType type) {
        return Unit.auditAction(type);
    }
}
