package dev.berth.units.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.platform.control.ManagerConfig;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.units.entity.RestartPolicy;
import dev.berth.units.entity.RestartRules;
import dev.berth.units.entity.RestartSettings;
import dev.berth.units.entity.Unit;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;

/**
 * The restart rules: the configured ones ({@code berth.restart.*}), an admin's choice over them at run time, and each
 * unit's own policy.
 */
@Stateless
public class Restarts {

    /**
     * The restart rules in force, and who chose them.
     *
     * @param changedBy the admin whose choice holds over the configured rules; null: as configured
     */
    public record Settings(RestartRules rules, String changedBy, Instant changedAt) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    ManagerConfig config;

    @EJB
    Units units;

    @Inject
    AuditTrail audit;

    /** The rules in force: an admin's choice over the configuration. */
    public RestartRules rules() {
        return settings().rules();
    }

    public Settings settings() {
        RestartSettings chosen = em.find(RestartSettings.class, RestartSettings.ID);
        return chosen == null ? new Settings(configured(), null, null)
                : new Settings(chosen.over(configured()), chosen.getUpdatedBy(), chosen.getUpdatedAt());
    }

    /**
     * An admin chooses the rules at run time; a rule left out (null) goes back to the configured one. Units in a
     * streak follow the new rules from their next exit on.
     */
    public Settings change(String policy, Integer limit, Integer backoffSeconds, Integer maxBackoffSeconds,
                           Integer stableSeconds, Actor actor) {
        if (!actor.admin()) {
            throw BerthException.forbidden("only an administrator may change the restart rules");
        }
        RestartSettings chosen = em.find(RestartSettings.class, RestartSettings.ID);
        if (chosen == null) {
            chosen = new RestartSettings(actor.name());
            chosen.change(policy, limit, backoffSeconds, maxBackoffSeconds, stableSeconds, configured(), actor.name());
            em.persist(chosen);
        } else {
            chosen.change(policy, limit, backoffSeconds, maxBackoffSeconds, stableSeconds, configured(), actor.name());
        }
        RestartRules rules = chosen.over(configured());
        audit.message(actor, "reconcile.settings", "restart rules", Outcome.SUCCEEDED, "policy "
                + rules.policy().text() + ", limit " + rules.limit() + ", backoff " + rules.backoff().toSeconds()
                + " s to " + rules.maxBackoff().toSeconds() + " s, stable after " + rules.stable().toSeconds() + " s");
        return new Settings(rules, chosen.getUpdatedBy(), chosen.getUpdatedAt());
    }

    /**
     * Sets a unit's own restart policy ({@code default}: the admins' again); its owner or an admin may.
     *
     * @return the unit
     */
    public Unit choose(long unitId, String policy, Actor actor) {
        if (policy == null || policy.isBlank()) {
            throw BerthException.invalid("policy is missing: send {\"policy\":\"never|on-failure|always|default\"}");
        }
        Unit unit = units.get(unitId, actor);
        RestartPolicy chosen = "default".equalsIgnoreCase(policy.trim()) ? null : RestartPolicy.parse(policy);
        unit.setRestartPolicy(chosen);
        audit.unit(actor, "unit.restart-policy", unitId, unit.getOwner().getName(), Outcome.SUCCEEDED,
                chosen == null ? "the admins' default (" + rules().policy().text() + ")" : chosen.text());
        return unit;
    }

    /** The policy a unit follows: its own, else the admins' default. */
    public RestartPolicy policyOf(Unit unit) {
        return unit.getRestartPolicy() == null ? rules().policy() : unit.getRestartPolicy();
    }

    private RestartRules configured() {
        return new RestartRules(RestartPolicy.parse(config.restartPolicy()), config.restartLimit(),
                Duration.ofSeconds(config.restartBackoffSeconds()),
                Duration.ofSeconds(config.restartMaxBackoffSeconds()),
                Duration.ofSeconds(config.restartStableSeconds()));
    }
}
