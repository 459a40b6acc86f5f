package dev.berth.web.console;

import dev.berth.platform.entity.BerthException;
import dev.berth.units.boundary.Logs;
import dev.berth.units.boundary.Restarts;
import dev.berth.units.boundary.StatsSamples;
import dev.berth.units.boundary.Units;
import dev.berth.units.control.LogQueries;
import dev.berth.units.control.LogStream;
import dev.berth.units.entity.Observed;
import dev.berth.units.entity.Unit;
import dev.berth.web.platform.RetriedOnConflict;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.primefaces.PrimeFaces;

/**
 * One unit's page ({@code unit.xhtml?id=}): its state (live, as on the units page), its logs read once (tail,
 * since, time stamps, as {@code GET /api/units/{id}/logs} reads them) or followed, and its CPU and memory of the last
 * hour. Whether the caller may see the unit is the boundary's decision, at the first request and at every action: an
 * address naming another user's unit shows the refusal and nothing of the unit.
 */
@Named
@ViewScoped
public class UnitPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    Units units;

    @EJB
    Logs logs;

    @EJB
    StatsSamples stats;

    @EJB
    Restarts restarts;

    @Inject
    ConsoleSession session;

    @Inject
    LogFollowers followers;

    private final LogViewer viewer = LogViewer.next();
    private int follows;

    private Long id;
    private transient Unit unit;
    private boolean refused;

    private String policy;
    private String tail = String.valueOf(LogQueries.DEFAULT_TAIL);
    private String since;
    private boolean timestamps;
    private String text;
    private transient List<UsageChart.Point> usage;

    /** The usage chart's window: the last hour. */
    static final int USAGE_MINUTES = 60;

    /** The page's first request: may the caller see this unit? */
    public void load() {
        if (id == null) {
            refuse(BerthException.invalid("no unit named: open a unit from the units page"));
            return;
        }
        try {
            unit = units.get(id, session.actor());
        } catch (BerthException e) {
            refuse(e);
        }
    }

    public Unit getUnit() {
        if (unit == null && !refused && id != null) {
            try {
                unit = units.get(id, session.actor());
            } catch (BerthException e) {
                // deleted since, or no longer the caller's: the page says so
                refused = true;
            }
        }
        return unit;
    }

    /** A push said some unit changed: the next render reads this one again. */
    public void refresh() {
        unit = null;
    }

    /** The next render reads the unit's samples again (the chart's poll). */
    public void refreshUsage() {
        usage = null;
    }

    /** The unit's CPU and memory samples of the last hour, oldest first; none when the caller may not see them. */
    private List<UsageChart.Point> usage() {
        if (usage == null) {
            try {
                usage = refused || id == null ? List.of() : stats.recent(id, USAGE_MINUTES, session.actor()).stream()
                        .map(s -> new UsageChart.Point(s.getAt(), s.getCpuPercent(), s.getMemoryBytes(),
                                s.getMemoryLimitBytes())).toList();
            } catch (BerthException e) {
                usage = List.of();
            }
        }
        return usage;
    }

    /** The chart's configuration (Chart.js JSON, for {@code p:chart}). */
    public String getUsageChart() {
        return UsageChart.of(usage(), ZoneId.systemDefault());
    }

    /** A line under the chart: how many samples, and the last one, or that there are none yet. */
    public String getUsageSummary() {
        List<UsageChart.Point> points = usage();
        if (points.isEmpty()) {
            return "No samples in the last hour: a unit is sampled while it runs (BERTH_AGENT_STATS_SECONDS).";
        }
        UsageChart.Point last = points.get(points.size() - 1);
        return points.size() + " samples; the last at " + Times.of(last.at()) + ": CPU "
                + String.format("%.1f", last.cpuPercent()) + " % of a core, memory "
                + String.format("%.1f", last.memoryBytes() / (1024.0 * 1024.0)) + " of "
                + String.format("%.0f", last.memoryLimitBytes() / (1024.0 * 1024.0)) + " MiB";
    }

    public int getUsageSamples() {
        return usage().size();
    }

    /** What the agent last saw of the container, for a person: "EXITED with code 137, killed for memory". */
    public String getObserved() {
        Unit shown = getUnit();
        if (shown == null || shown.getObserved() == null) {
            return "not seen yet";
        }
        if (shown.getObserved() != Observed.EXITED) {
            return shown.getObserved().name();
        }
        return "EXITED with code " + (shown.getObservedExitCode() == null ? "unknown" : shown.getObservedExitCode())
                + (shown.isObservedOom() ? ", killed for memory" : "");
    }

    /** The restart policy the unit follows, and whose choice it is. */
    public String getPolicyInForce() {
        Unit shown = getUnit();
        if (shown == null) {
            return "";
        }
        return restarts.policyOf(shown).text() + (shown.getRestartPolicy() == null ? " (the default)" : "")
                + (shown.getRestarts() > 0 ? ", " + shown.getRestarts() + " restart(s) in a row" : "");
    }

    /** The policy chosen in the form: the unit's own, or {@code default}. */
    public String getPolicy() {
        if (policy == null && getUnit() != null) {
            policy = unit.getRestartPolicy() == null ? "default" : unit.getRestartPolicy().text();
        }
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    /** Sets the unit's restart policy (its owner or an admin; the boundary decides). */
    @RetriedOnConflict
    public void choosePolicy() {
        try {
            unit = restarts.choose(id, policy, session.actor());
            info("Restart policy set", "Unit " + id + " now follows " + getPolicyInForce() + ".");
        } catch (BerthException e) {
            error(e);
        }
    }

    /** The last lines now, once; ends a follow of this page. */
    public void read() {
        followers.stop(viewer, "it reads the logs once instead");
        follows++;
        PrimeFaces.current().executeScript("berthLogs.shown(" + follows + ")");
        try {
            text = logs.read(id, LogQueries.parse(tail, since, timestamps, false, Instant.now()), session.actor());
            if (text.isEmpty()) {
                info("No log lines", "The container wrote nothing in what was asked for.");
            }
        } catch (BerthException e) {
            error(e);
        }
    }

    /**
     * Follows the logs: the tail asked for, then new lines as the container writes them, pushed to this page until
     * the unit stops, the page stops following, or the page goes away.
     */
    public void follow() {
        try {
            LogStream stream = logs.follow(id, LogQueries.parse(tail, since, timestamps, true, Instant.now()),
                    session.actor());
            follows++;
            text = null;
            followers.follow(viewer, follows, stream);
            PrimeFaces.current().executeScript("berthLogs.following(" + follows + ")");
        } catch (BerthException e) {
            error(e);
        }
    }

    public void stopFollowing() {
        followers.stop(viewer, "it asked");
    }

    @PreDestroy
    void left() {
        followers.stop(viewer, "its view ended");
    }

    private void refuse(BerthException e) {
        refused = true;
        error(e);
    }

    private static void error(BerthException e) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                e.getMessage(), null));
    }

    private static void info(String summary, String detail) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary,
                detail));
    }

    public LogViewer getViewer() {
        return viewer;
    }

    public boolean isRefused() {
        return refused;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public String getTail() {
        return tail;
    }

    public void setTail(String tail) {
        this.tail = tail;
    }

    public String getSince() {
        return since;
    }

    public void setSince(String since) {
        this.since = since;
    }

    public boolean isTimestamps() {
        return timestamps;
    }

    public void setTimestamps(boolean timestamps) {
        this.timestamps = timestamps;
    }

    public String getText() {
        return text;
    }
}
