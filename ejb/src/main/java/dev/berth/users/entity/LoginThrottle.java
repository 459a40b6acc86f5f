package dev.berth.users.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The failed logins of one name, whether or not a user has that name (so that an unknown name is treated exactly as
 * a known one). Failures count within a window; past {@link LoginPolicy#slowAfter()} the next attempt must wait,
 * past {@link LoginPolicy#lockAfter()} the name is locked for a while, and during either no password is even
 * checked.
 */
@Entity
@Table(name = "login_throttle")
@NamedQuery(name = LoginThrottle.STALE, query = "delete from LoginThrottle t where t.lastFailureAt < :before"
        + " and (t.lockedUntil is null or t.lockedUntil < :now)")
public class LoginThrottle {

    public static final String STALE = "LoginThrottle.stale";

    @Id
    private String name;
    private int failures;
    private Instant firstFailureAt;
    private Instant lastFailureAt;
    private String lastSource;
    private Instant lockedUntil;

    protected LoginThrottle() {
    }

    /** No failure yet: {@link #failed} counts the first. */
    public LoginThrottle(String name, Instant at) {
        this.name = Objects.requireNonNull(name);
        this.firstFailureAt = at;
        this.lastFailureAt = at;
    }

    /**
     * Why an attempt at {@code now} is refused without looking at its password, if it is: the name is locked, or
     * the last failure was too recent.
     */
    public Optional<String> refusal(Instant now, LoginPolicy policy) {
        if (lockedUntil != null && now.isBefore(lockedUntil)) {
            return Optional.of("locked until " + lockedUntil);
        }
        if (inWindow(now, policy) && lockedUntil == null && failures >= policy.slowAfter()
                && now.isBefore(lastFailureAt.plus(policy.slowDelay()))) {
            return Optional.of("slowed down: " + failures + " failures, the last at " + lastFailureAt);
        }
        return Optional.empty();
    }

    /**
     * Counts one more failure at {@code now}.
     *
     * @return whether this failure locked the name
     */
    public boolean failed(Instant now, String source, LoginPolicy policy) {
        boolean lockOver = lockedUntil != null && !now.isBefore(lockedUntil);
        if (!inWindow(now, policy) || lockOver) {
            failures = 0;
            firstFailureAt = now;
            lockedUntil = null;
        }
        failures++;
        lastFailureAt = now;
        lastSource = source;
        if (failures >= policy.lockAfter() && lockedUntil == null) {
            lockedUntil = now.plus(policy.lockFor());
            return true;
        }
        return false;
    }

    private boolean inWindow(Instant now, LoginPolicy policy) {
        return now.isBefore(firstFailureAt.plus(policy.window()));
    }

    public String getName() {
        return name;
    }

    public int getFailures() {
        return failures;
    }

    public Instant getLockedUntil() {
        return lockedUntil;
    }

    public Duration lockedFor() {
        return lockedUntil == null ? Duration.ZERO : Duration.between(lastFailureAt, lockedUntil);
    }
}
