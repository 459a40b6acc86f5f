package dev.berth.units.entity;

import dev.berth.hosts.entity.Host;
import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.AgentResult;
import dev.berth.protocol.CommandType;
import dev.berth.protocol.ContainerReport;
import dev.berth.protocol.ContainerStatus;
import dev.berth.protocol.ObservedState;
import dev.berth.protocol.Outcome;
import dev.berth.users.entity.AppUser;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** One container with one compute node, on a fixed port of a host, owned by one user. */
@Entity
@Table(name = "unit")
@NamedQuery(name = Unit.ALL, query = "select u from Unit u order by u.id")
@NamedQuery(name = Unit.OF_OWNER, query = "select u from Unit u where u.owner.name = :owner order by u.id")
@NamedQuery(name = Unit.PAGE, query = "select u from Unit u where u.id > :after order by u.id")
@NamedQuery(name = Unit.PAGE_OF_OWNER,
        query = "select u from Unit u where u.owner.name = :owner and u.id > :after order by u.id")
@NamedQuery(name = Unit.OF_OWNER_ELSEWHERE, query = """
        select u from Unit u where u.owner = :owner and u.host <> :host order by u.id""")
@NamedQuery(name = Unit.ON_PORT, query = "select u from Unit u where u.host = :host and u.port = :port")
@NamedQuery(name = Unit.IMAGES_ON_HOST, query = "select distinct u.image from Unit u where u.host.name = :host")
@NamedQuery(name = Unit.COUNT_ON_HOST, query = "select count(u) from Unit u where u.host.name = :host")
@NamedQuery(name = Unit.COUNT_OF_OWNER, query = "select count(u) from Unit u where u.owner = :owner")
@NamedQuery(name = Unit.ON_HOST, query = "select u from Unit u where u.host.name = :host order by u.id")
@NamedQuery(name = Unit.ON_HOST_AMONG, query = """
        select u from Unit u where u.host.name = :host and u.id in :ids order by u.id""")
@NamedQuery(name = Unit.OUT_OF_STEP, query = """
        select u.id from Unit u where u.host.state = dev.berth.hosts.entity.HostState.ONLINE
        and u.state in (dev.berth.units.entity.UnitState.RUNNING, dev.berth.units.entity.UnitState.FAILED,
                        dev.berth.units.entity.UnitState.STOPPED)
        and ((u.desiredState = dev.berth.units.entity.DesiredState.RUNNING
              and (u.observed <> dev.berth.units.entity.Observed.RUNNING
                   or u.state <> dev.berth.units.entity.UnitState.RUNNING or u.restarts > 0))
          or (u.desiredState = dev.berth.units.entity.DesiredState.STOPPED
              and u.observed = dev.berth.units.entity.Observed.RUNNING))
        order by u.id""")
@NamedQuery(name = Unit.COUNT_RUNNING_OF_OWNER, query = """
        select count(u) from Unit u where u.owner = :owner and u.id <> :except
        and u.state in (dev.berth.units.entity.UnitState.STARTING, dev.berth.units.entity.UnitState.RUNNING)""")
public class Unit {

    public static final String ALL = "Unit.all";
    public static final String OF_OWNER = "Unit.ofOwner";
    /** Units after an id, in id order: a page of {@code GET /api/units?limit=&after=}. */
    public static final String PAGE = "Unit.page";
    public static final String PAGE_OF_OWNER = "Unit.pageOfOwner";
    /** A user's units on the hosts other than one. */
    public static final String OF_OWNER_ELSEWHERE = "Unit.ofOwnerElsewhere";
    public static final String ON_PORT = "Unit.onPort";
    public static final String COUNT_OF_OWNER = "Unit.countOfOwner";
    public static final String COUNT_ON_HOST = "Unit.countOnHost";
    /** The images the units of a host are made from. */
    public static final String IMAGES_ON_HOST = "Unit.imagesOnHost";
    public static final String COUNT_RUNNING_OF_OWNER = "Unit.countRunningOfOwner";
    public static final String ON_HOST = "Unit.onHost";
    /** The units of a host among some ids. */
    public static final String ON_HOST_AMONG = "Unit.onHostAmong";
    /** The ids of units whose desired and observed state may differ, on ONLINE hosts, with no command under way. */
    public static final String OUT_OF_STEP = "Unit.outOfStep";
    /** The most of a container's last log lines kept with its last exit. */
    static final int MAX_LOG = 4000;

    private static final Set<UnitState> STARTABLE = EnumSet.of(UnitState.DEFINED, UnitState.STOPPED, UnitState.FAILED);
    private static final Set<UnitState> STOPPABLE = EnumSet.of(UnitState.RUNNING, UnitState.STARTING, UnitState.FAILED);
    private static final Set<UnitState> UP = EnumSet.of(UnitState.RUNNING, UnitState.STARTING);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "owner_id")
    private AppUser owner;
    @ManyToOne(optional = false)
    @JoinColumn(name = "host_id")
    private Host host;
    private int port;
    private String image;
    @Enumerated(EnumType.STRING)
    private DesiredState desiredState;
    @Enumerated(EnumType.STRING)
    private UnitState state;
    private String containerId;
    private String lastError;
    private String lastCommandId;
    private Instant createdAt;
    private Instant updatedAt;
    @Enumerated(EnumType.STRING)
    private Observed observed;
    private Integer observedExitCode;
    private boolean observedOom;
    private Instant observedAt;
    private String observedLog;
    @Enumerated(EnumType.STRING)
    private RestartPolicy restartPolicy;
    private int restarts;
    private Instant nextRestartAt;
    private String streakExits;
    @Version
    private long version;

    protected Unit() {
    }

    public Unit(AppUser owner, Host host, int port, String image) {
        this.owner = Objects.requireNonNull(owner);
        this.host = Objects.requireNonNull(host);
        this.port = port;
        this.image = Objects.requireNonNull(image);
        this.desiredState = DesiredState.STOPPED;
        this.state = UnitState.DEFINED;
        this.createdAt = Instant.now();
        this.updatedAt = createdAt;
    }

    /** The container's name on its host: the guide's one container per {@code ip:port}. */
    public String containerName() {
        return "berth-" + owner.getName() + "-" + port;
    }

    public void requestStart(String commandId) {
        if (!isStartable()) {
            throw BerthException.conflict("unit " + id + " is " + state + "; only a DEFINED, STOPPED or FAILED unit"
                    + " can be started");
        }
        String notStartable = host.whyNotStartable();
        if (notStartable != null) {
            throw BerthException.conflict(notStartable + ", then start unit " + id + " again");
        }
        requested(DesiredState.RUNNING, UnitState.STARTING, commandId);
    }

    /**
     * A start that repairs drift (an admin's choice, see {@code GET /api/drift}): besides what {@link #requestStart}
     * accepts, a RUNNING unit, whose container is missing, exited or made from other settings; the agent's start
     * makes the container again.
     */
    public void requestRepairStart(String commandId) {
        if (state == UnitState.RUNNING) {
            requested(DesiredState.RUNNING, UnitState.STARTING, commandId);
        } else {
            requestStart(commandId);
        }
    }

    public void requestStop(String commandId) {
        if (!STOPPABLE.contains(state) && observed != Observed.RUNNING) {
            throw BerthException.conflict("unit " + id + " is " + state + "; only a RUNNING, STARTING or FAILED unit"
                    + " can be stopped");
        }
        requested(DesiredState.STOPPED, UnitState.STOPPING, commandId);
    }

    /** Whether the unit runs or is being started, and no stop or delete has been asked for since. */
    public boolean isUp() {
        return UP.contains(state) && desiredState == DesiredState.RUNNING;
    }

    /**
     * Whether a start would be accepted now, as far as the unit's own state goes: it is down, or it is RUNNING by its
     * last command but its container has been seen exited or missing since.
     */
    public boolean isStartable() {
        return STARTABLE.contains(state) || state == UnitState.RUNNING && isSeenDown();
    }

    private boolean isSeenDown() {
        return observed == Observed.EXITED || observed == Observed.MISSING;
    }

    /** Whether a stop would be accepted now (its container may run). */
    public boolean isStoppable() {
        return (STOPPABLE.contains(state) || observed == Observed.RUNNING) && desiredState != DesiredState.DELETED;
    }

    public void requestDelete(String commandId) {
        requested(DesiredState.DELETED, UnitState.STOPPING, commandId);
    }

    private void requested(DesiredState desired, UnitState next, String commandId) {
        this.desiredState = desired;
        this.state = next;
        this.lastCommandId = commandId;
        this.lastError = null;
        this.updatedAt = Instant.now();
    }

    /** Whether a result of this command still decides the unit's state (a newer command overrides it). */
    public boolean isDecidedBy(String commandId) {
        return commandId.equals(lastCommandId);
    }

    /** The audit trail's action for a command of {@code type} on a unit: {@code unit.start}, {@code unit.stop}, ... */
    public static String auditAction(CommandType type) {
        return "unit." + type.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code result} says that a START had to make the unit's container anew, the new one failed, and the
     * previous one runs again: the command failed, the unit runs as before.
     */
    public static boolean isFailedUpdate(CommandType type, AgentResult result) {
        return type == CommandType.START && result.outcome() == Outcome.FAILED
                && result.state() == ObservedState.RUNNING;
    }

    /** Takes in what the agent observed after a command of this unit. */
    public void observed(CommandType type, AgentResult result) {
        this.updatedAt = Instant.now();
        this.containerId = result.containerId();
        seenBy(result);
        if (isFailedUpdate(type, result)) {
            // it runs, as before the update: RUNNING, with the failed update said
            this.state = UnitState.RUNNING;
            this.lastError = result.error();
            return;
        }
        if (result.outcome() == Outcome.FAILED) {
            this.state = UnitState.FAILED;
            this.lastError = result.error();
            return;
        }
        this.lastError = null;
        this.state = switch (type) {
            case START -> UnitState.RUNNING;
            case STOP, DELETE -> UnitState.STOPPED;
            // reads, image loads, a new list of clients, a host's clean-up, drift surveys and pings change no
            // unit's state
            case LOGS, LOGS_FOLLOWING, LOGS_STOP, LOAD_IMAGE, ALLOW_CLIENTS, CLEANUP, SURVEY, REPAIR_DRIFT,
                 PING -> state;
        };
    }

    /**
     * Sets the image the unit's container is made from; the next start makes the container anew from it (and keeps
     * the old one until the new one is ready).
     *
     * @return the image it had
     */
    public String changeImage(String newImage) {
        String old = this.image;
        this.image = Objects.requireNonNull(newImage);
        this.updatedAt = Instant.now();
        return old;
    }

    /** What a command's result says of the container, when it is news (it is as new as the agent's clock says). */
    private void seenBy(AgentResult result) {
        if (result.state() == null || result.at() == null || observedAt != null && result.at().isBefore(observedAt)) {
            return;
        }
        Observed seen = switch (result.state()) {
            case RUNNING -> Observed.RUNNING;
            case STOPPED -> Observed.EXITED;
            case REMOVED -> Observed.MISSING;
            // a failed command says nothing sure of the container: the next observation will
            case FAILED -> null;
        };
        if (seen != null) {
            this.observed = seen;
            this.observedAt = result.at();
            if (seen == Observed.RUNNING) {
                this.observedExitCode = null;
                this.observedOom = false;
            }
        }
    }

    /**
     * Takes in what the agent saw of the unit's container at {@code at} (its clock). A report older than what is known
     * is ignored, and so is one of a container that is no longer the unit's (a previous container being removed).
     *
     * @return whether the observed state changed
     */
    public boolean observe(ContainerReport report, Instant at) {
        if (observedAt != null && at.isBefore(observedAt)) {
            return false;
        }
        if (containerId != null && report.containerId() != null && !containerId.equals(report.containerId())
                && report.status() != ContainerStatus.RUNNING) {
            return false;
        }
        Observed before = observed;
        this.observedAt = at;
        switch (report.status()) {
            case RUNNING -> {
                this.observed = Observed.RUNNING;
                this.observedExitCode = null;
                this.observedOom = false;
                this.containerId = report.containerId();
            }
            case EXITED -> {
                this.observed = Observed.EXITED;
                this.observedExitCode = report.exitCode();
                this.observedOom = report.oomKilled();
                if (report.lastLines() != null) {
                    this.observedLog = clip(report.lastLines());
                }
                this.containerId = report.containerId();
            }
            case REMOVED -> this.observed = Observed.MISSING;
        }
        return before != observed;
    }

    /**
     * An inventory of the unit's host listed no container for it. A unit that was never started has none to miss.
     *
     * @return whether the observed state changed
     */
    public boolean observeMissing(Instant at) {
        if (state == UnitState.DEFINED || observedAt != null && at.isBefore(observedAt)) {
            return false;
        }
        Observed before = observed;
        this.observed = Observed.MISSING;
        this.observedAt = at;
        return before != observed;
    }

    /** The unit's host went OFFLINE: what its container does is unknown until its agent reports again. */
    public void observeUnknown() {
        if (observed != null) {
            this.observed = Observed.UNKNOWN;
        }
    }

    /** How the container last ended, for a person: "exited with code 137 (killed for memory)". */
    public String exitText() {
        if (observed == Observed.MISSING) {
            return "its container was removed outside Berth";
        }
        return "its container exited with code " + (observedExitCode == null ? "unknown" : observedExitCode)
                + (observedOom ? " (killed by the kernel for memory: over its limit of the user's memory)" : "");
    }

    private String exitCodeText() {
        if (observed == Observed.MISSING) {
            return "removed";
        }
        return (observedExitCode == null ? "?" : String.valueOf(observedExitCode)) + (observedOom ? " (OOM)" : "");
    }

    /** What the reconciler should do now for this unit, by the rules in force; see {@link Gap}. */
    public Gap gap(RestartRules rules, Instant now) {
        RestartPolicy policy = restartPolicy == null ? rules.policy() : restartPolicy;
        if (observed == null || observed == Observed.UNKNOWN) {
            return Gap.NONE;
        }
        if (desiredState == DesiredState.STOPPED) {
            return state == UnitState.STOPPED && observed == Observed.RUNNING ? Gap.STRAY : Gap.NONE;
        }
        if (desiredState != DesiredState.RUNNING) {
            return Gap.NONE;
        }
        if (observed == Observed.RUNNING) {
            if (state != UnitState.RUNNING) {
                return Gap.ADOPT;
            }
            return restarts > 0 && updatedAt.plus(rules.stable()).isBefore(now) ? Gap.RECOVERED : Gap.NONE;
        }
        boolean crashed = state == UnitState.RUNNING || state == UnitState.FAILED && restarts > 0;
        if (!crashed) {
            return Gap.NONE;
        }
        if (policy == RestartPolicy.NEVER) {
            return Gap.FAIL;
        }
        if (observed == Observed.MISSING && policy != RestartPolicy.ALWAYS) {
            return Gap.FAIL;
        }
        if (policy == RestartPolicy.ON_FAILURE && observed == Observed.EXITED && !observedOom
                && Integer.valueOf(0).equals(observedExitCode)) {
            return Gap.DONE;
        }
        if (restarts >= rules.limit()) {
            return Gap.GIVE_UP;
        }
        return nextRestartAt != null && !nextRestartAt.isAfter(now) ? Gap.RESTART : Gap.BACK_OFF;
    }

    /** The next restart of the streak is due after the rules' backoff; the exit that calls for it is noted. */
    public void backOff(RestartRules rules, Instant now) {
        if (nextRestartAt == null) {
            this.nextRestartAt = now.plus(rules.delayBefore(restarts + 1));
        }
    }

    /** When the next restart of the streak is due; null when none is planned. */
    public Instant getNextRestartAt() {
        return nextRestartAt;
    }

    /** A restart of the streak is being sent (its command follows, as for any start). */
    public void restarting(String commandId) {
        this.streakExits = clip((streakExits == null ? "" : streakExits + ", ") + exitCodeText(), 1000);
        this.restarts++;
        this.nextRestartAt = null;
        this.desiredState = DesiredState.RUNNING;
        this.state = UnitState.STARTING;
        this.lastCommandId = commandId;
        this.updatedAt = Instant.now();
    }

    /**
     * The streak ends: the unit ran long enough, or gave up, or a person started or stopped it.
     *
     * @return the exits of the streak that ended ("137 (OOM), 1"), null when there was none
     */
    public String endStreak() {
        String exits = restarts == 0 ? null : streakExits;
        this.restarts = 0;
        this.nextRestartAt = null;
        this.streakExits = null;
        return exits;
    }

    /** The reconciler found the container running: the unit is RUNNING, whatever its last command left it. */
    public void adopt() {
        this.state = UnitState.RUNNING;
        this.lastError = null;
        this.updatedAt = Instant.now();
    }

    /** The unit ends FAILED for a reason the reconciler found (no restart, or no more). */
    public void failObserved(String reason) {
        this.state = UnitState.FAILED;
        this.lastError = clip(reason + (observedLog == null ? "" : ". Last log lines:\n" + observedLog));
        this.updatedAt = Instant.now();
    }

    /** The container ended by itself with code 0 under {@code on-failure}: the unit is stopped, as wanted. */
    public void doneByItself() {
        this.desiredState = DesiredState.STOPPED;
        this.state = UnitState.STOPPED;
        this.lastError = null;
        this.updatedAt = Instant.now();
    }

    /** The unit's own restart policy; null: the admins' default. */
    public void setRestartPolicy(RestartPolicy policy) {
        this.restartPolicy = policy;
    }

    public RestartPolicy getRestartPolicy() {
        return restartPolicy;
    }

    public Observed getObserved() {
        return observed;
    }

    public Integer getObservedExitCode() {
        return observedExitCode;
    }

    public boolean isObservedOom() {
        return observedOom;
    }

    public Instant getObservedAt() {
        return observedAt;
    }

    public String getObservedLog() {
        return observedLog;
    }

    public int getRestarts() {
        return restarts;
    }

    private static String clip(String text) {
        return clip(text, MAX_LOG);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(text.length() - max);
    }

    /** No answer came: the unit's real state is unknown until the next command. */
    public void unanswered(String reason) {
        this.state = UnitState.FAILED;
        this.lastError = reason;
        this.updatedAt = Instant.now();
    }

    public Long getId() {
        return id;
    }

    public AppUser getOwner() {
        return owner;
    }

    public Host getHost() {
        return host;
    }

    public int getPort() {
        return port;
    }

    public String getImage() {
        return image;
    }

    public DesiredState getDesiredState() {
        return desiredState;
    }

    public UnitState getState() {
        return state;
    }

    public String getContainerId() {
        return containerId;
    }

    public String getLastError() {
        return lastError;
    }

    public String getLastCommandId() {
        return lastCommandId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
