package dev.berth.legacy.control;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.configs.control.Endpoint;
import dev.berth.configs.control.Problems;
import dev.berth.configs.control.UnitServerXml;
import dev.berth.configs.control.UnitServerXml.Config;
import dev.berth.hosts.entity.Host;
import dev.berth.legacy.control.DockerServerXml.Server;
import dev.berth.legacy.control.DockerUserXml.User;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.units.boundary.Units;
import dev.berth.units.boundary.Units.NewUnit;
import dev.berth.units.entity.Unit;
import dev.berth.users.boundary.Users;
import dev.berth.users.control.HomeDirectories;
import dev.berth.users.control.PasswordHashing;
import dev.berth.users.entity.AppUser;
import dev.berth.users.entity.Quota;
import dev.berth.users.entity.Role;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns a parsed legacy file into an {@link ImportPlan} against what Berth holds: create, update or leave each user,
 * host and unit. Problems that depend on Berth's state (an ip no host has, a port another user's unit holds, a home
 * outside the allowed roots, a short password) are added with their line. Planning writes nothing; the steps write
 * when the plan is applied, inside the caller's transaction.
 */
@Dependent
public class ImportPlanner {

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHashing passwords;

    @Inject
    HomeDirectories homes;

    @Inject
    HostRecords hosts;

    @Inject
    AuditTrail audit;

    @EJB
    Users users;

    @EJB
    Units units;

    /** docker_user.xml: users and their units. Units of these users that the file does not list are kept. */
    public ImportPlan users(String xml, Actor actor) {
        ImportPlan plan = new ImportPlan(DockerUserXml.FILE);
        for (User record : DockerUserXml.parse(xml)) {
            Optional<AppUser> existing = users.find(record.name());
            if (existing.isPresent() && existing.get().getRole() != Role.USER) {
                plan.problems().add(record.line(), "user " + record.name() + " is an administrator; an import changes"
                        + " no administrator: remove it from the file");
                continue;
            }
            user(record, existing, plan, actor);
            Set<Long> listed = new HashSet<>();
            for (Endpoint endpoint : record.units()) {
                unit(record.name(), existing, endpoint, record.unitLine(), plan, actor).ifPresent(listed::add);
            }
            existing.ifPresent(owner -> keptUnits(owner, listed, plan));
            existing.ifPresent(owner -> checkRoomForUnits(owner, record, listed, plan));
        }
        return plan;
    }

    private void user(User record, Optional<AppUser> existing, ImportPlan plan, Actor actor) {
        String name = record.name();
        if (existing.isPresent() && existing.get().isFromDirectory()) {
            plan.problems().add(record.line(), "user " + name + " logs in through the directory and has no password"
                    + " in Berth; leave them out of the file, or delete them in Berth first");
            return;
        }
        boolean hashed = record.passwordIsHash();
        String weakHash = hashed ? PasswordHashing.refusalOfGivenHash("the <Pwd> hash of user " + name,
                record.password()) : null;
        if (weakHash != null) {
            plan.problems().add(record.line(), weakHash);
        }
        if (!hashed && record.password().length() < Users.MIN_PASSWORD_LENGTH) {
            plan.problems().add(record.line(), "the password of user " + name + " has " + record.password().length()
                    + " characters; Berth requires at least " + Users.MIN_PASSWORD_LENGTH);
        }
        String home;
        try {
            home = record.home() == null && existing.isPresent() ? existing.get().getHome()
                    : homes.homeOf(name, record.home()).toString();
            HomeDirectories.requireApart(Path.of(home), users.homesOfOthers(name));
        } catch (BerthException e) {
            plan.problems().add(record.line(), "user " + name + ": " + e.getMessage());
            return;
        }
        Supplier<String> hash = () -> hashed ? record.password() : passwords.hash(record.password());
        String summary = "alias " + (record.alias() == null ? name : record.alias()) + ", memory "
                + record.memory().text() + ", cpuShares " + record.cpuShares() + ", home " + home;
        if (existing.isEmpty()) {
            plan.step(new Change(record.line(), "user", name, Change.CREATE, summary
                            + (hashed ? ", password hash as given" : ", password hashed")),
                    () -> {
                        em.persist(new AppUser(name, record.alias(), hash.get(), Role.USER, record.memory(),
                                record.cpuShares(), home, Quota.of(null, null)));
                        audit.user(actor, "user.import.create", name, Outcome.SUCCEEDED, summary);
                    });
            return;
        }
        AppUser user = existing.get();
        List<String> changed = new ArrayList<>();
        String alias = record.alias() == null ? name : record.alias();
        if (!alias.equals(user.getAlias())) {
            changed.add("alias " + user.getAlias() + " -> " + alias);
        }
        if (!record.memory().text().equals(user.getMemory())) {
            changed.add("memory " + user.getMemory() + " -> " + record.memory().text());
        }
        if (record.cpuShares() != user.getCpuShares()) {
            changed.add("cpuShares " + user.getCpuShares() + " -> " + record.cpuShares());
        }
        if (!home.equals(user.getHome())) {
            changed.add("home " + user.getHome() + " -> " + home);
        }
        boolean samePassword = hashed ? record.password().equals(user.getPasswordHash())
                : record.password().length() >= Users.MIN_PASSWORD_LENGTH
                && passwords.matches(record.password(), user.getPasswordHash());
        if (!samePassword) {
            changed.add("password changed");
        }
        if (changed.isEmpty()) {
            plan.note(new Change(record.line(), "user", name, Change.UNCHANGED, summary));
            return;
        }
        String detail = String.join(", ", changed);
        plan.step(new Change(record.line(), "user", name, Change.UPDATE, detail), () -> {
            user.redefine(record.alias(), samePassword ? user.getPasswordHash() : hash.get(), record.memory(),
                    record.cpuShares(), home);
            audit.user(actor, "user.import.update", name, Outcome.SUCCEEDED, detail);
        });
    }

    /**
     * Plans the unit at {@code endpoint} for {@code owner}: unchanged when the owner has it, created when the port is
     * free on the host with that address, a problem otherwise.
     *
     * @return the id of the owner's existing unit there
     */
    private Optional<Long> unit(String owner, Optional<AppUser> existingOwner, Endpoint endpoint, int line,
                                ImportPlan plan, Actor actor) {
        Optional<Host> found = hostOf(endpoint, existingOwner, line, plan);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Host host = found.get();
        Optional<Unit> there = unitOn(host, endpoint.port());
        if (there.isPresent()) {
            Unit unit = there.get();
            if (!unit.getOwner().getName().equals(owner)) {
                plan.problems().add(line, "port " + endpoint.port() + " on host " + host.getName() + " is in use by"
                        + " unit " + unit.getId() + " of user " + unit.getOwner().getName()
                        + "; choose another port");
                return Optional.empty();
            }
            plan.note(new Change(line, "unit", endpoint.toString(), Change.UNCHANGED, "unit " + unit.getId()
                    + " of user " + owner + " on host " + host.getName()));
            return Optional.of(unit.getId());
        }
        if (endpoint.port() < Host.MIN_PORT || endpoint.port() > Host.MAX_PORT) {
            plan.problems().add(line, "port " + endpoint.port() + " of unit " + endpoint + " is outside "
                    + Host.MIN_PORT + ".." + Host.MAX_PORT + ", the ports Berth gives to units");
            return Optional.empty();
        }
        try {
            host.checkPortAllowed(endpoint.port());
        } catch (BerthException e) {
            plan.problems().add(line, "unit " + endpoint + ": " + e.getMessage());
            return Optional.empty();
        }
        plan.step(new Change(line, "unit", endpoint.toString(), Change.CREATE, "unit of user " + owner + " on host "
                        + host.getName() + ", port " + endpoint.port()),
                () -> units.create(new NewUnit(owner, host.getName(), endpoint.port(), null), actor));
        return Optional.empty();
    }

    private Optional<Host> hostOf(Endpoint endpoint, Optional<AppUser> owner, int line, ImportPlan plan) {
        List<Host> candidates = hosts.withAddress(endpoint.ip());
        if (candidates.size() > 1) {
            // several agents may share a machine's address; the owner's existing unit on that port tells which
            List<Host> holding = candidates.stream()
                    .filter(h -> unitOn(h, endpoint.port()).map(u -> owner.isPresent()
                            && u.getOwner().getId().equals(owner.get().getId())).orElse(false))
                    .toList();
            if (holding.size() == 1) {
                return Optional.of(holding.get(0));
            }
            plan.problems().add(line, "address " + endpoint.ip() + " belongs to hosts "
                    + String.join(", ", candidates.stream().map(Host::getName).toList()) + ", so unit " + endpoint
                    + " names no single host; give those hosts distinct addresses");
            return Optional.empty();
        }
        if (candidates.isEmpty()) {
            plan.problems().add(line, endpoint.ip().equals("0.0.0.0")
                    ? "ip 0.0.0.0 of unit " + endpoint + " names no machine; write the address of the host the unit"
                    + " runs on"
                    : "no host has address " + endpoint.ip() + "; import its docker_server.xml or define the host"
                    + " first");
            return Optional.empty();
        }
        return Optional.of(candidates.get(0));
    }

    private Optional<Unit> unitOn(Host host, int port) {
        return em.createNamedQuery(Unit.ON_PORT, Unit.class).setParameter("host", host).setParameter("port", port)
                .getResultStream().findFirst();
    }

    private void keptUnits(AppUser owner, Set<Long> listed, ImportPlan plan) {
        for (Unit unit : em.createNamedQuery(Unit.OF_OWNER, Unit.class).setParameter("owner", owner.getName())
                .getResultList()) {
            if (!listed.contains(unit.getId())) {
                plan.note(new Change(0, "unit", unit.getHost().getAddress() + ":" + unit.getPort(), Change.KEPT,
                        "unit " + unit.getId() + " of user " + owner.getName() + " on host "
                                + unit.getHost().getName() + " is not in the file; an import deletes no unit (DELETE"
                                + " /api/units/" + unit.getId() + " does)"));
            }
        }
    }

    /** An existing user's unit quota, checked for all the units the file adds at once. */
    private void checkRoomForUnits(AppUser owner, User record, Set<Long> listed, ImportPlan plan) {
        long have = em.createNamedQuery(Unit.COUNT_OF_OWNER, Long.class).setParameter("owner", owner)
                .getSingleResult();
        long adding = record.units().size() - listed.size();
        if (adding > 0) {
            try {
                owner.checkRoomForUnit(have + adding - 1);
            } catch (BerthException e) {
                plan.problems().add(record.unitLine(), "the file adds " + adding + " units: " + e.getMessage());
            }
        }
    }

    /**
     * docker_server.xml: the host named {@code hostName}, else the one with the file's address, is created or
     * updated.
     */
    public ImportPlan server(String xml, String hostName, Actor actor) {
        ImportPlan plan = new ImportPlan(DockerServerXml.FILE);
        Server server = DockerServerXml.parse(xml);
        String ip = server.server().ip();
        Optional<Host> existing;
        String name;
        if (hostName != null && !hostName.isBlank()) {
            name = hostName.trim();
            existing = hosts.named(name);
        } else {
            List<Host> candidates = hosts.withAddress(ip);
            if (candidates.size() > 1) {
                plan.problems().add(server.line(), "hosts " + String.join(", ", candidates.stream()
                        .map(Host::getName).toList()) + " have address " + ip + "; say which one with ?host=<name>");
                return plan;
            }
            existing = candidates.stream().findFirst();
            name = existing.map(Host::getName).orElse(ip);
        }
        HostRecords.Facts facts = new HostRecords.Facts(ip, server.share(), server.manager(), server.server().port());
        if (server.manager()) {
            hosts.managerOtherThan(name).ifPresent(other -> plan.problems().add(server.line(), "host "
                    + other.getName() + " is the manager (entry machine) already; there is one: drop <NodeType> here"
                    + " or clear it there first"));
        }
        String summary = "address " + ip + ", share " + (server.share() == null ? "(agent's default)" : server.share())
                + ", communication port " + server.server().port() + (server.manager() ? ", manager" : "");
        if (existing.isEmpty()) {
            plan.step(new Change(server.line(), "host", name, Change.CREATE, summary),
                    () -> hosts.define(name, facts, actor));
            return plan;
        }
        Host host = existing.get();
        HostRecords.Facts now = hosts.factsOf(host);
        if (now.equals(facts)) {
            plan.note(new Change(server.line(), "host", name, Change.UNCHANGED, summary));
        } else {
            List<String> changed = new ArrayList<>();
            if (!Objects.equals(now.address(), facts.address())) {
                changed.add("address " + now.address() + " -> " + facts.address());
            }
            if (!Objects.equals(now.share(), facts.share())) {
                changed.add("share " + now.share() + " -> " + facts.share());
            }
            if (now.manager() != facts.manager()) {
                changed.add(facts.manager() ? "becomes the manager" : "no longer the manager");
            }
            if (!Objects.equals(now.commPort(), facts.commPort())) {
                changed.add("communication port " + now.commPort() + " -> " + facts.commPort());
            }
            plan.step(new Change(server.line(), "host", name, Change.UPDATE, String.join(", ", changed)),
                    () -> hosts.configure(host, facts, actor));
        }
        return plan;
    }

    /**
     * unitServer.xml of one user: each {@code Host} entry is a unit of that user at {@code ip:port}; a missing one is
     * created. Task counts are not stored: Berth sizes them by the user's CPU shares, and the plan says when the
     * file's differ.
     */
    public ImportPlan unitServer(String xml, String userName, Actor actor) {
        if (userName == null || userName.isBlank()) {
            throw BerthException.invalid("a unitServer.xml describes the units of one user: say whose with"
                    + " ?user=<name>");
        }
        AppUser owner = users.find(userName.trim()).orElseThrow(() -> BerthException.invalid("no user named '"
                + userName + "'; import the users' docker_user.xml or create the user first"));
        ImportPlan plan = new ImportPlan(UnitServerXml.FILE);
        Problems read = new Problems(UnitServerXml.FILE);
        Config config = UnitServerXml.read(xml, read).orElse(null);
        ImportRefusedException.throwIfAny(read);
        Set<Long> listed = new HashSet<>();
        for (UnitServerXml.Entry entry : config.hosts()) {
            UnitServerXml.Host given = entry.host();
            Endpoint endpoint = new Endpoint(given.ip(), given.port());
            unit(owner.getName(), Optional.of(owner), endpoint, entry.line(), plan, actor).ifPresent(listed::add);
            UnitServerXml.Host sized = UnitServerXml.Host.forCpuShares(given.ip(), given.port(), owner.getCpuShares());
            if (!sized.equals(given)) {
                plan.note(new Change(entry.line(), "unit", endpoint.toString(), Change.KEPT, "task counts "
                        + taskCount(given.maxTaskNum()) + "/" + taskCount(given.preferredTaskNum()) + " not taken: Berth sizes them by the"
                        + " user's CPU shares (" + owner.getCpuShares() + " -> " + sized.maxTaskNum() + "/"
                        + sized.preferredTaskNum() + ")"));
            }
        }
        keptUnits(owner, listed, plan);
        long adding = config.hosts().size() - listed.size();
        if (adding > 0) {
            long have = em.createNamedQuery(Unit.COUNT_OF_OWNER, Long.class).setParameter("owner", owner)
                    .getSingleResult();
            try {
                owner.checkRoomForUnit(have + adding - 1);
            } catch (BerthException e) {
                plan.problems().add(config.hosts().get(0).line(), "the file adds " + adding + " units: "
                        + e.getMessage());
            }
        }
        return plan;
    }

    private static String taskCount(int count) {
        return count == UnitServerXml.Host.NOT_GIVEN ? "(none)" : Integer.toString(count);
    }
}
