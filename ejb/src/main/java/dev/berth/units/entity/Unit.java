package dev.berth.units.entity;

import dev.berth.hosts.entity.Host;
import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.AgentResult;
import dev.berth.protocol.CommandType;
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
@NamedQuery(name = Unit.OF_OWNER_ELSEWHERE, query = """
        select u from Unit u where u.owner = :owner and u.host <> :host order by u.id""")
@NamedQuery(name = Unit.ON_PORT, query = "select u from Unit u where u.host = :host and u.port = :port")
@NamedQuery(name = Unit.ON_HOST, query = "select u from Unit u where u.host.name = :host order by u.id")
@NamedQuery(name = Unit.COUNT_ON_HOST, query = "select count(u) from Unit u where u.host.name = :host")
@NamedQuery(name = Unit.COUNT_OF_OWNER, query = "select count(u) from Unit u where u.owner = :owner")
@NamedQuery(name = Unit.COUNT_RUNNING_OF_OWNER, query = """
        select count(u) from Unit u where u.owner = :owner and u.id <> :except
        and u.state in (dev.berth.units.entity.UnitState.STARTING, dev.berth.units.entity.UnitState.RUNNING)""")
public class Unit {

    public static final String ALL = "Unit.all";
    public static final String ON_HOST = "Unit.onHost";
    public static final String OF_OWNER = "Unit.ofOwner";
    /** A user's units on the hosts other than one. */
    public static final String OF_OWNER_ELSEWHERE = "Unit.ofOwnerElsewhere";
    public static final String ON_PORT = "Unit.onPort";
    public static final String COUNT_OF_OWNER = "Unit.countOfOwner";
    public static final String COUNT_ON_HOST = "Unit.countOnHost";
    public static final String COUNT_RUNNING_OF_OWNER = "Unit.countRunningOfOwner";

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
        if (!STARTABLE.contains(state)) {
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
        if (!STOPPABLE.contains(state)) {
            throw BerthException.conflict("unit " + id + " is " + state + "; only a RUNNING, STARTING or FAILED unit"
                    + " can be stopped");
        }
        requested(DesiredState.STOPPED, UnitState.STOPPING, commandId);
    }

    /** Whether the unit runs or is being started, and no stop or delete has been asked for since. */
    public boolean isUp() {
        return UP.contains(state) && desiredState == DesiredState.RUNNING;
    }

    /** Whether a start would be accepted now, as far as the unit's own state goes. */
    public boolean isStartable() {
        return STARTABLE.contains(state);
    }

    /** Whether a stop would be accepted now (its container may run). */
    public boolean isStoppable() {
        return STOPPABLE.contains(state) && desiredState != DesiredState.DELETED;
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

    /** Takes in what the agent observed after a command of this unit. */
    public void observed(CommandType type, AgentResult result) {
        this.updatedAt = Instant.now();
        this.containerId = result.containerId();
        if (result.outcome() == Outcome.FAILED) {
            this.state = UnitState.FAILED;
            this.lastError = result.error();
            return;
        }
        this.lastError = null;
        this.state = switch (type) {
            case START -> UnitState.RUNNING;
            case STOP, DELETE -> UnitState.STOPPED;
            // reads, image loads and a new list of clients change no unit's state
            case LOGS, LOGS_FOLLOWING, LOGS_STOP, LOAD_IMAGE, ALLOW_CLIENTS, SURVEY, REPAIR_DRIFT -> state;
        };
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
