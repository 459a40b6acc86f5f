package dev.berth.sessions.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An admin's choice of the session rules, made at run time and kept in the database (so that it outlives a restart
 * and holds for every manager); each rule the admin left out is the configured one. One row at most.
 */
@Entity
@Table(name = "session_settings")
public class SessionSettings {

    /** The one row's id. */
    public static final long ID = 1;

    @Id
    private long id;
    private String policy;
    private Integer expirySeconds;
    private String onEnd;
    private String updatedBy;
    private Instant updatedAt;

    protected SessionSettings() {
    }

    public SessionSettings(String updatedBy) {
        this.id = ID;
        this.updatedBy = Objects.requireNonNull(updatedBy);
        this.updatedAt = Instant.now();
    }

    /**
     * Sets the admin's rules; a null one goes back to the configured one.
     *
     * @throws dev.berth.platform.entity.BerthException (400) for a value that is none
     */
    public void change(String policy, Integer expirySeconds, String onEnd, String by) {
        String newPolicy = policy == null ? null : SessionPolicy.parse(policy).text();
        if (expirySeconds != null) {
            SessionRules.checkExpiry(expirySeconds);
        }
        String newOnEnd = onEnd == null ? null : SessionEnd.parse(onEnd).text();
        this.policy = newPolicy;
        this.expirySeconds = expirySeconds;
        this.onEnd = newOnEnd;
        this.updatedBy = Objects.requireNonNull(by);
        this.updatedAt = Instant.now();
    }

    /** The rules in force: the admin's where given, the configured ones elsewhere. */
    public SessionRules over(SessionRules configured) {
        return new SessionRules(policy == null ? configured.policy() : SessionPolicy.parse(policy),
                expirySeconds == null ? configured.expiry() : Duration.ofSeconds(expirySeconds),
                onEnd == null ? configured.onEnd() : SessionEnd.parse(onEnd));
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
