package dev.berth.units.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An admin's choice of the restart rules, made at run time and kept in the database (it outlives a restart); each
 * rule the admin left out is the configured one. One row at most.
 */
@Entity
@Table(name = "restart_settings")
public class RestartSettings {

    /** The one row's id. */
    public static final long ID = 1;

    @Id
    private long id;
    private String policy;
    private Integer restartLimit;
    private Integer backoffSeconds;
    private Integer maxBackoffSeconds;
    private Integer stableSeconds;
    private String updatedBy;
    private Instant updatedAt;

    protected RestartSettings() {
    }

    public RestartSettings(String updatedBy) {
        this.id = ID;
        this.updatedBy = Objects.requireNonNull(updatedBy);
        this.updatedAt = Instant.now();
    }

    /**
     * Sets the admin's rules; a null one goes back to the configured one. The rules that result are checked.
     *
     * @throws dev.berth.platform.entity.BerthException (400) for a value that is none
     */
    public void change(String policy, Integer limit, Integer backoffSeconds, Integer maxBackoffSeconds,
                       Integer stableSeconds, RestartRules configured, String by) {
        String newPolicy = policy == null ? null : RestartPolicy.parse(policy).name();
        RestartRules.check(limit == null ? configured.limit() : limit,
                backoffSeconds == null ? configured.backoff().toSeconds() : backoffSeconds,
                maxBackoffSeconds == null ? configured.maxBackoff().toSeconds() : maxBackoffSeconds,
                stableSeconds == null ? configured.stable().toSeconds() : stableSeconds);
        this.policy = newPolicy;
        this.restartLimit = limit;
        this.backoffSeconds = backoffSeconds;
        this.maxBackoffSeconds = maxBackoffSeconds;
        this.stableSeconds = stableSeconds;
        this.updatedBy = Objects.requireNonNull(by);
        this.updatedAt = Instant.now();
    }

    /** The rules in force: the admin's where given, the configured ones elsewhere. */
    public RestartRules over(RestartRules configured) {
        return new RestartRules(policy == null ? configured.policy() : RestartPolicy.valueOf(policy),
                restartLimit == null ? configured.limit() : restartLimit,
                backoffSeconds == null ? configured.backoff() : Duration.ofSeconds(backoffSeconds),
                maxBackoffSeconds == null ? configured.maxBackoff() : Duration.ofSeconds(maxBackoffSeconds),
                stableSeconds == null ? configured.stable() : Duration.ofSeconds(stableSeconds));
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
