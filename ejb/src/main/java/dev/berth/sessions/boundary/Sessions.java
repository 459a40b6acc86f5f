package dev.berth.sessions.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.commands.entity.CommandState;
import dev.berth.configs.boundary.UserConfigs;
import dev.berth.platform.control.ManagerConfig;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.CommandType;
import dev.berth.sessions.entity.ClientSession;
import dev.berth.sessions.entity.SessionEnd;
import dev.berth.sessions.entity.SessionPolicy;
import dev.berth.sessions.entity.SessionRules;
import dev.berth.sessions.entity.SessionSettings;
import dev.berth.units.boundary.Units;
import dev.berth.units.boundary.Units.ClientStart;
import dev.berth.units.entity.Unit;
import dev.berth.units.entity.UnitState;
import dev.berth.users.boundary.AccessRevoked;
import dev.berth.users.boundary.Users;
import dev.berth.users.entity.AppUser;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Client sessions' use cases, one transaction each: a login's session, its start or join of the user's units and the
 * agents' new lists of clients, its audit record and the JMS sends commit together or not at all.
 */
@Stateless
public class Sessions {

    private static final Set<UnitState> MOVING = EnumSet.of(UnitState.STARTING, UnitState.STOPPING);

    /**
     * One of the user's units as a session shows it.
     *
     * @param endpoint         where a client reaches it, {@code ip:port}
     * @param startedBySession whether the session started it (and its end stops it)
     * @param note             what the login did with it (started, joined, or why it could not start); null later
     */
    public record UnitEndpoint(long id, String host, String endpoint, String state, boolean startedBySession,
                               String note, String lastError) {
    }

    /**
     * A session with the user's units as they are now.
     *
     * @param ready   whether every unit runs and the agents have let the client in: its endpoints answer it
     * @param settled whether nothing is under way any more (no unit starting or stopping, no agent still setting
     *                the clients): ready or not, waiting longer changes nothing
     * @param files   the client's esProc files by name, while the session lives; null in lists
     */
    public record Snapshot(ClientSession session, Instant expiresAt, List<UnitEndpoint> units,
                           boolean ready, boolean settled, Map<String, String> files) {
    }

    /**
     * The session rules in force, and who chose them.
     *
     * @param changedBy the admin whose choice holds over the configured rules; null: as configured
     */
    public record Settings(SessionRules rules, String changedBy, Instant changedAt) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    ManagerConfig config;

    @EJB
    Users users;

    @EJB
    Units units;

    @EJB
    UserConfigs configs;

    @EJB
    SessionRefusals refusals;

    @Inject
    AuditTrail audit;

    /**
     * Opens the caller's session from {@code address}: their units start, or are joined when they run already, and
     * accept connections from the address. While another session of the name lives, the login is refused or takes it
     * over, by the rules.
     */
    public Snapshot open(String address, Actor actor) {
        AppUser user = users.find(actor.name()).orElseThrow(() -> BerthException.notFound("no user named '"
                + actor.name() + "'"));
        String name = user.getName();
        SessionRules rules = rules();
        Instant now = Instant.now();
        Optional<ClientSession> live = liveOf(name);
        ClientSession session = new ClientSession(name, address, now);
        if (live.isPresent()) {
            ClientSession older = live.get();
            if (rules.policy() == SessionPolicy.REFUSE) {
                String why = older.refusal(address, rules.expiry());
                refusals.refused(actor, name, why);
                throw BerthException.conflict(why);
            }
            older.end("taken over from " + address, now);
            // the older one's row gives up the name before the new one takes it
            em.flush();
            session.takeOver(older);
            audit.user(actor, "session.takeover", name, Outcome.SUCCEEDED, "session " + older.getId() + " from "
                    + older.getClientAddress() + " (since " + older.getOpenedAt() + ") ended: taken over from "
                    + address + "; its units " + older.getStartedUnits() + " go on with the new session");
        }
        try {
            em.persist(session);
            em.flush();
        } catch (PersistenceException e) {
            throw BerthException.conflict("another session of user " + name + " was opened a moment ago; the same"
                    + " user name may not be used twice at the same time (GET /api/sessions shows it)");
        }
        List<ClientStart> outcomes = units.startForClient(name, actor);
        session.started(outcomes.stream().filter(ClientStart::started).map(ClientStart::unitId).toList());
        audit.user(actor, "session.open", name, Outcome.SUCCEEDED, "session " + session.getId() + " from "
                + address + "; " + (outcomes.isEmpty() ? "the user has no units" : outcomes.stream()
                .map(o -> "unit " + o.unitId() + " " + o.note()).collect(Collectors.joining(", "))));
        return snapshot(session, rules, outcomes.stream().collect(Collectors.toMap(ClientStart::unitId,
                ClientStart::note)), true);
    }

    /** The caller's client is still there: the session lives on for the expiry from now. */
    public Snapshot keepAlive(String id, Actor actor) {
        ClientSession session = find(id, actor);
        session.keepAlive(Instant.now());
        return snapshot(session, rules(), Map.of(), false);
    }

    /** Logs out: the owner ends their session, or an admin ends anyone's. */
    public Snapshot end(String id, Actor actor) {
        ClientSession session = find(id, actor);
        session.requireLive();
        String reason = actor.name().equals(session.getUserName()) ? "logged out"
                : "ended by administrator " + actor.name();
        SessionRules rules = rules();
        end(session, reason, actor, "session.end", rules);
        return snapshot(session, rules, Map.of(), false);
    }

    /** One session, live or ended, with the client's files while it lives; its owner's or, for an admin, anyone's. */
    public Snapshot get(String id, Actor actor) {
        ClientSession session = find(id, actor);
        return snapshot(session, rules(), Map.of(), session.isLive());
    }

    /** The live sessions: an admin's view holds all, a user's their own. */
    public List<Snapshot> visibleTo(Actor actor) {
        SessionRules rules = rules();
        return em.createNamedQuery(ClientSession.LIVE, ClientSession.class).getResultStream()
                .filter(s -> actor.mayActFor(s.getUserName()))
                .map(s -> snapshot(s, rules, Map.of(), false)).toList();
    }

    /** Ends every session its client has not kept alive within the expiry (the timer's work). */
    public void expireOverdue() {
        SessionRules rules = rules();
        Instant now = Instant.now();
        for (ClientSession session : em.createNamedQuery(ClientSession.LIVE, ClientSession.class).getResultList()) {
            if (session.isExpiredAt(now, rules.expiry())) {
                end(session, "expired: not kept alive for " + rules.expiry().toSeconds() + " s (last seen "
                        + session.getLastSeen() + ")", Actor.SYSTEM, "session.expire", rules);
            }
        }
    }

    /** A user who lost their access (disabled, deleted) loses their session, and the units it started stop. */
    public void endOnRevocation(@Observes AccessRevoked revoked) {
        liveOf(revoked.user()).ifPresent(session -> end(session, revoked.reason(), Actor.SYSTEM, "session.end",
                rules()));
    }

    /** The rules in force: an admin's choice over the configuration. */
    public Settings settings() {
        SessionSettings chosen = em.find(SessionSettings.class, SessionSettings.ID);
        return chosen == null ? new Settings(configured(), null, null)
                : new Settings(chosen.over(configured()), chosen.getUpdatedBy(), chosen.getUpdatedAt());
    }

    /**
     * An admin chooses the rules at run time; a rule left out (null) goes back to the configured one. Sessions
     * alive now follow the new rules from now on (a shorter expiry may end them at the next check).
     */
    public Settings changeSettings(String policy, Integer expirySeconds, String onEnd, Actor actor) {
        if (!actor.admin()) {
            throw BerthException.forbidden("only an administrator may change the session rules");
        }
        SessionSettings chosen = em.find(SessionSettings.class, SessionSettings.ID);
        if (chosen == null) {
            chosen = new SessionSettings(actor.name());
            em.persist(chosen);
        }
        chosen.change(policy, expirySeconds, onEnd, actor.name());
        SessionRules rules = chosen.over(configured());
        audit.message(actor, "session.settings", "session rules", Outcome.SUCCEEDED, "policy "
                + rules.policy().text() + ", expiry " + rules.expiry().toSeconds() + " s, on end "
                + rules.onEnd().text() + " (the admin's: policy " + policy + ", expirySeconds " + expirySeconds
                + ", onEnd " + onEnd + "; the others as configured)");
        return new Settings(rules, chosen.getUpdatedBy(), chosen.getUpdatedAt());
    }

    private void end(ClientSession session, String reason, Actor actor, String action, SessionRules rules) {
        session.end(reason, Instant.now());
        // the ended session gives up its address before the agents are told the new lists
        em.flush();
        List<Long> stopped = rules.onEnd() == SessionEnd.STOP
                ? units.stopForClient(session.getStartedUnits(), actor) : List.of();
        units.allowClients(session.getUserName(), actor);
        audit.user(actor, action, session.getUserName(), Outcome.SUCCEEDED, "session " + session.getId() + " from "
                + session.getClientAddress() + " (since " + session.getOpenedAt() + ") ended: " + reason
                + "; units stopped: " + stopped);
    }

    private SessionRules rules() {
        return settings().rules();
    }

    private SessionRules configured() {
        try {
            return SessionRules.of(config.sessionPolicy(), config.sessionExpirySeconds(), config.sessionOnEnd());
        } catch (BerthException e) {
            throw new IllegalStateException("the session configuration (BERTH_SESSION_POLICY,"
                    + " BERTH_SESSION_EXPIRY_SECONDS, BERTH_SESSION_ON_END) is wrong: " + e.getMessage(), e);
        }
    }

    private Optional<ClientSession> liveOf(String user) {
        return em.createNamedQuery(ClientSession.LIVE_OF_USER, ClientSession.class).setParameter("user", user)
                .getResultStream().findFirst();
    }

    private ClientSession find(String id, Actor actor) {
        ClientSession session = em.find(ClientSession.class, id);
        if (session == null) {
            throw BerthException.notFound("no session " + id);
        }
        if (!actor.mayActFor(session.getUserName())) {
            throw BerthException.forbidden("session " + id + " belongs to another user; " + actor.name()
                    + " may act only on their own sessions");
        }
        return session;
    }

    private Snapshot snapshot(ClientSession session, SessionRules rules, Map<Long, String> notes,
                              boolean withFiles) {
        List<Unit> owned = em.createNamedQuery(Unit.OF_OWNER, Unit.class)
                .setParameter("owner", session.getUserName()).getResultList();
        List<Long> started = session.getStartedUnits();
        List<UnitEndpoint> endpoints = owned.stream().map(u -> new UnitEndpoint(u.getId(), u.getHost().getName(),
                u.getHost().getAddress() + ":" + u.getPort(), u.getState().name(), started.contains(u.getId()),
                notes.get(u.getId()), u.getLastError())).toList();
        long settingClients = em.createQuery("select count(c) from Command c where c.owner = :owner"
                        + " and c.type = :type and c.state = :pending", Long.class)
                .setParameter("owner", session.getUserName()).setParameter("type", CommandType.ALLOW_CLIENTS)
                .setParameter("pending", CommandState.PENDING).getSingleResult();
        boolean settled = settingClients == 0 && owned.stream().noneMatch(u -> MOVING.contains(u.getState()));
        boolean ready = session.isLive() && settled
                && owned.stream().allMatch(u -> u.getState() == UnitState.RUNNING);
        Map<String, String> files = withFiles && session.isLive()
                ? users.find(session.getUserName()).map(configs::forClient).orElse(null) : null;
        return new Snapshot(session, session.isLive() ? session.expiresAt(rules.expiry()) : null, endpoints, ready,
                settled, files);
    }
}
