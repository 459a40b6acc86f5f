package dev.berth.units.boundary;

import dev.berth.platform.control.ManagerConfig;
import dev.berth.platform.entity.Actor;
import dev.berth.units.entity.StatsRetention;
import dev.berth.units.entity.StatsSample;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * Units' CPU and memory over time, as their agents sampled them (taken in by {@code StatsIntake}): read by the
 * unit's owner or an admin, kept for {@code berth.stats.retention-hours}.
 */
@Stateless
public class StatsSamples {

    /** The most samples one pruning removes: a long backlog (after a shorter retention) goes in bounded steps. */
    static final int PRUNE_BATCH = 1000;

    @PersistenceContext
    EntityManager em;

    @EJB
    Units units;

    @Inject
    ManagerConfig config;

    /** The unit's samples of the last {@code minutes}, oldest first; for its owner and admins. */
    public List<StatsSample> recent(long unitId, int minutes, Actor actor) {
        units.get(unitId, actor);
        Instant since = retention().windowStart(minutes, Instant.now());
        return em.createNamedQuery(StatsSample.OF_UNIT_SINCE, StatsSample.class).setParameter("unit", unitId)
                .setParameter("since", since).getResultList();
    }

    /** Every ten seconds: removes up to {@link #PRUNE_BATCH} samples older than the retention, oldest first. */
    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    void prune() {
        List<Long> old = em.createNamedQuery(StatsSample.OLDER_THAN, Long.class)
                .setParameter("before", retention().cutoff(Instant.now())).setMaxResults(PRUNE_BATCH).getResultList();
        if (!old.isEmpty()) {
            em.createNamedQuery(StatsSample.DELETE).setParameter("ids", old).executeUpdate();
        }
    }

    private StatsRetention retention() {
        return StatsRetention.hours(config.statsRetentionHours());
    }
}
