package dev.berth.commands.entity;

import dev.berth.protocol.CommandType;
import dev.berth.protocol.Messages;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One command sent to an agent, and its outcome: a unit's lifecycle command, or an image load onto a host (which
 * concerns no unit and names its upload instead).
 */
@Entity
@Table(name = "command")
@EntityListeners(CommandEvents.class)
@NamedQuery(name = Command.OVERDUE, query = "select c from Command c where c.state = :pending and c.createdAt < :before")
@NamedQuery(name = Command.OF_UPLOAD, query = "select c from Command c where c.uploadId = :upload order by c.hostName")
public class Command {

    /**
     * The kinds of command kept as a row and answered through {@code berth.results}; each has exactly one component
     * that takes in its answers (checked at deployment by the agents component). A unit's log requests (LOGS,
     * LOGS_FOLLOWING, LOGS_STOP) and a host's clean-up (CLEANUP) are none of them: they are answered on a temporary
     * queue while the HTTP request is open, and kept nowhere (an applied clean-up is audited).
     */
    public static final Set<CommandType> KINDS = Collections.unmodifiableSet(EnumSet.of(CommandType.START,
            CommandType.STOP, CommandType.DELETE, CommandType.LOAD_IMAGE, CommandType.ALLOW_CLIENTS));

    public static final String OVERDUE = "Command.overdue";
    public static final String OF_UPLOAD = "Command.ofUpload";

    @Id
    private String id;
    @Enumerated(EnumType.STRING)
    private CommandType type;
    private Long unitId;
    private String uploadId;
    private String hostName;
    private String actor;
    private String owner;
    @Enumerated(EnumType.STRING)
    private CommandState state;
    private String result;
    private Instant createdAt;
    private Instant finishedAt;

    protected Command() {
    }

    /** A command for a unit. */
    public Command(CommandType type, long unitId, String hostName, String actor, String owner) {
        this(type, Long.valueOf(unitId), null, hostName, actor, owner);
    }

    private Command(CommandType type, Long unitId, String uploadId, String hostName, String actor, String owner) {
        this.id = UUID.randomUUID().toString();
        if (!KINDS.contains(Objects.requireNonNull(type))) {
            throw new IllegalArgumentException(type + " is no command kind the manager keeps; kept are " + KINDS);
        }
        this.type = type;
        this.unitId = unitId;
        this.uploadId = uploadId;
        this.hostName = Objects.requireNonNull(hostName);
        this.actor = Objects.requireNonNull(actor);
        this.owner = Objects.requireNonNull(owner);
        this.state = CommandState.PENDING;
        this.createdAt = Instant.now();
    }

    /** Loading an uploaded image onto a host; the acting admin is its owner. */
    public static Command imageLoad(String uploadId, String hostName, String actor) {
        return new Command(CommandType.LOAD_IMAGE, null, Objects.requireNonNull(uploadId), hostName, actor, actor);
    }

    /** Whether this command concerns a unit (else it concerns a host as a whole). */
    public boolean hasUnit() {
        return unitId != null;
    }

    /**
     * Whether a message sent by broker account {@code sender} may answer this command: only the agent account of the
     * host it was sent to may.
     */
    public boolean isAnswerableBy(String sender) {
        return Messages.hostOfAgent(sender).map(hostName::equals).orElse(false);
    }

    /** Whether an agent's answer still counts: a late answer to an EXPIRED command is taken too. */
    public boolean awaitsAnswer() {
        return state == CommandState.PENDING || state == CommandState.EXPIRED;
    }

    public void succeeded(String result) {
        finish(CommandState.SUCCEEDED, result);
    }

    public void failed(String reason) {
        finish(CommandState.FAILED, reason);
    }

    public void expired(String reason) {
        finish(CommandState.EXPIRED, reason);
    }

    private void finish(CommandState outcome, String text) {
        this.state = outcome;
        this.result = text == null || text.length() <= 8000 ? text : text.substring(0, 7997) + "...";
        this.finishedAt = Instant.now();
    }

    public String getId() {
        return id;
    }

    public CommandType getType() {
        return type;
    }

    /** The unit the command is for; null for a command that concerns a host, such as an image load. */
    public Long getUnitId() {
        return unitId;
    }

    /** The image upload a LOAD_IMAGE command loads; null otherwise. */
    public String getUploadId() {
        return uploadId;
    }

    public String getHostName() {
        return hostName;
    }

    public String getActor() {
        return actor;
    }

    public String getOwner() {
        return owner;
    }

    public CommandState getState() {
        return state;
    }

    public String getResult() {
        return result;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}
