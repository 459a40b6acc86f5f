package dev.berth.commands.entity;

import dev.berth.protocol.CommandType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One lifecycle command sent to an agent, and its outcome. */
@Entity
@Table(name = "command")
@NamedQuery(name = Command.OVERDUE, query = "select c from Command c where c.state = :pending and c.createdAt < :before")
public class Command {

    public static final String OVERDUE = "Command.overdue";

    @Id
    private String id;
    @Enumerated(EnumType.STRING)
    private CommandType type;
    private long unitId;
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

    public Command(CommandType type, long unitId, String hostName, String actor, String owner) {
        this.id = UUID.randomUUID().toString();
        this.type = Objects.requireNonNull(type);
        this.unitId = unitId;
        this.hostName = Objects.requireNonNull(hostName);
        this.actor = Objects.requireNonNull(actor);
        this.owner = Objects.requireNonNull(owner);
        this.state = CommandState.PENDING;
        this.createdAt = Instant.now();
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

    public long getUnitId() {
        return unitId;
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
