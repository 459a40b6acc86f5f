package dev.berth.users.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.platform.control.ManagerConfig;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.users.entity.ApiToken;
import dev.berth.users.entity.AppUser;
import dev.berth.users.entity.Role;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API tokens: a user issues, lists and revokes their own (an admin: anyone's), and every request with
 * {@code Authorization: Bearer} is checked by {@link #caller}.
 * <p>
 * <b>The role rule</b>: a token has no role of its own. Each request reads its user's row (one indexed query with
 * the token's hash) and acts with the role the row has <i>then</i>, and only while the user is enabled: a user made
 * admin (or no longer) by the directory acts so through their tokens from the next request on. A user disabled or
 * deleted loses their tokens at once: {@link AccessRevoked} deletes them in the transaction that disabled or
 * deleted the user, and the query refuses a disabled user's tokens besides. Issue and revoke are audited
 * ({@code token.issue}, {@code token.revoke}); a use is not, as a use of a password is not.
 */
@Stateless
public class ApiTokens {

    /** A user holds at most this many tokens: a bound against a script that issues one per run and never revokes. */
    public static final int MAX_PER_USER = 50;
    public static final int MAX_NAME_LENGTH = 100;

    /**
     * What a user asks for.
     *
     * @param name optional: what the token is for ({@code "nightly backup"}); default {@code "token"}
     * @param days optional: its lifetime, 1 .. {@code BERTH_TOKEN_MAX_DAYS}; default the maximum
     */
    public record NewToken(String name, Integer days) {
    }

    /** A token just issued, with its secret: the only time the secret is seen. */
    public record Issued(ApiToken token, String secret) {
    }

    /** Who a valid token logs in: the user's name and role now. */
    public record Caller(String name, Role role) {
    }

    @PersistenceContext
    EntityManager em;

    @EJB
    Users users;

    @Inject
    ManagerConfig config;

    @Inject
    AuditTrail audit;

    /** Issues a token of the actor's own; its secret is in the answer and nowhere else. */
    public Issued issue(NewToken request, Actor actor) {
        NewToken asked = request == null ? new NewToken(null, null) : request;
        String name = asked.name() == null ? "token" : asked.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw BerthException.invalid("name must be 1 to " + MAX_NAME_LENGTH + " characters without control"
                    + " characters (it says what the token is for, e.g. \"nightly backup\")");
        }
        int max = config.tokenMaxDays();
        int days = asked.days() == null ? max : asked.days();
        if (days < 1 || days > max) {
            throw BerthException.invalid("days " + days + " is outside 1.." + max + " (the longest lifetime is"
                    + " BERTH_TOKEN_MAX_DAYS)");
        }
        AppUser user = users.find(actor.name()).orElseThrow(() -> BerthException.forbidden(actor.name()
                + " is no Berth user and may hold no token"));
        long held = em.createNamedQuery(ApiToken.COUNT_OF_USER, Long.class).setParameter("user", user)
                .getSingleResult();
        if (held >= MAX_PER_USER) {
            throw BerthException.conflict(user.getName() + " holds " + held + " tokens, the most a user may;"
                    + " revoke one first (DELETE /api/tokens/{id})");
        }
        Instant now = Instant.now();
        String secret = ApiToken.newSecret();
        ApiToken token = new ApiToken(user, name, secret, now, now.plus(Duration.ofDays(days)));
        em.persist(token);
        audit.user(actor, "token.issue", user.getName(), Outcome.SUCCEEDED, token.label() + ", valid for " + days
                + " days, until " + token.getExpiresAt());
        return new Issued(token, secret);
    }

    /** The actor's own tokens; an admin's list holds everyone's (never a secret, nor its hash). */
    public List<ApiToken> visibleTo(Actor actor) {
        if (actor.admin()) {
            return em.createNamedQuery(ApiToken.ALL, ApiToken.class).getResultList();
        }
        return em.createNamedQuery(ApiToken.OF_USER, ApiToken.class).setParameter("name", actor.name())
                .getResultList();
    }

    /** Revokes a token: the actor's own, or as an admin anyone's. It stops working at once. */
    public void revoke(long id, Actor actor) {
        ApiToken token = em.find(ApiToken.class, id);
        if (token == null) {
            throw BerthException.notFound("no token " + id + " (GET /api/tokens lists yours)");
        }
        String owner = token.getUser().getName();
        if (!actor.mayActFor(owner)) {
            throw BerthException.forbidden(actor.name() + " may revoke only their own tokens");
        }
        em.remove(token);
        audit.user(actor, "token.revoke", owner, Outcome.SUCCEEDED, token.label() + " revoked"
                + (actor.name().equals(owner) ? "" : " by administrator " + actor.name()));
    }

    /**
     * Who {@code secret} logs in, if it is a token that is not expired and whose user is enabled; the role is the
     * user's now. No transaction: a read on every request of a script, which writes nothing.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Caller> caller(String secret) {
        if (!ApiToken.looksLikeSecret(secret)) {
            return Optional.empty();
        }
        return em.createNamedQuery(ApiToken.CALLER, Object[].class)
                .setParameter("hash", ApiToken.hash(secret))
                .setParameter("now", Instant.now())
                .getResultStream()
                .findFirst()
                .map(row -> new Caller((String) row[0], (Role) row[1]));
    }

    /** A user disabled or deleted: their tokens go, in the same transaction. */
    public void revokeAll(@Observes AccessRevoked revoked) {
        List<ApiToken> tokens = em.createNamedQuery(ApiToken.OF_USER, ApiToken.class)
                .setParameter("name", revoked.user()).getResultList();
        for (ApiToken token : tokens) {
            em.remove(token);
            audit.user(Actor.SYSTEM, "token.revoke", revoked.user(), Outcome.SUCCEEDED, token.label()
                    + " revoked: the user was " + revoked.reason());
        }
    }

    /** Expired tokens are refused anyway; this removes their rows (and audits it), hourly. */
    @Schedule(hour = "*", minute = "17", persistent = false)
    void removeExpired() {
        for (ApiToken token : em.createNamedQuery(ApiToken.EXPIRED, ApiToken.class)
                .setParameter("now", Instant.now()).getResultList()) {
            em.remove(token);
            audit.user(Actor.SYSTEM, "token.expire", token.getUser().getName(), Outcome.SUCCEEDED, token.label()
                    + " expired at " + token.getExpiresAt() + " and was removed");
        }
    }
}
