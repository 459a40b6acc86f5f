package dev.berth.protocol;

import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

/**
 * A command, manager to agent, on queue {@code berth.agent.<host>}: one record per kind, each carrying only its own
 * fields and refusing bad ones when it is made (so also when it is read from JSON), with a message naming each
 * problem.
 * <p>
 * On the wire the kind is the JSON property {@code type}, named after {@link CommandType}, as in version 3; the
 * protocol version travels as the JMS property {@link Messages#PROTOCOL_VERSION} (see {@link Messages#readCommand}).
 * <p>
 * A new kind is a new record here, a new {@link CommandType} constant, a new {@link JsonbSubtype} and a new method
 * of {@link Handler}: every place that acts on commands implements {@link Handler}, so none compiles until it handles
 * the new kind. (Java 17, the platform's JDK, has no pattern matching for {@code switch} outside preview; on 21 a
 * {@code switch} over this sealed type gives the same guarantee.)
 */
@JsonbTypeInfo(key = "type", value = {
        @JsonbSubtype(alias = "START", type = StartUnit.class),
        @JsonbSubtype(alias = "STOP", type = StopUnit.class),
        @JsonbSubtype(alias = "DELETE", type = DeleteUnit.class),
        @JsonbSubtype(alias = "LOGS", type = ReadLogs.class),
        @JsonbSubtype(alias = "LOAD_IMAGE", type = LoadImage.class),
        @JsonbSubtype(alias = "LOGS_FOLLOWING", type = KeepFollowing.class),
        @JsonbSubtype(alias = "LOGS_STOP", type = StopFollowing.class),
        @JsonbSubtype(alias = "ALLOW_CLIENTS", type = AllowClients.class),
        @JsonbSubtype(alias = "CLEANUP", type = CleanHost.class),
        @JsonbSubtype(alias = "SURVEY", type = Survey.class),
        @JsonbSubtype(alias = "REPAIR_DRIFT", type = RepairDrift.class),
        @JsonbSubtype(alias = "PING", type = Ping.class)
})
public sealed interface AgentCommand
        permits StartUnit, StopUnit, DeleteUnit, ReadLogs, LoadImage, KeepFollowing, StopFollowing, AllowClients,
        CleanHost, Survey, RepairDrift, Ping {

    /** Unique per command; the same id delivered twice must have one effect. */
    String commandId();

    /** The unit the command is for; 0 for a command that concerns no unit. */
    long unitId();

    /** The kind, as the manager keeps it with the command and as the JSON property {@code type} names it. */
    CommandType kind();

    /** Calls the method of {@code handler} for this kind. */
    <R> R handledBy(Handler<R> handler);

    /** One method per kind: whatever acts on commands implements it, so that a new kind cannot be forgotten. */
    interface Handler<R> {
        R start(StartUnit command);

        R stop(StopUnit command);

        R delete(DeleteUnit command);

        R logs(ReadLogs command);

        R loadImage(LoadImage command);

        R keepFollowing(KeepFollowing command);

        R stopFollowing(StopFollowing command);

        R allowClients(AllowClients command);

        R cleanHost(CleanHost command);

        R survey(Survey command);

        R repairDrift(RepairDrift command);

        R ping(Ping command);
    }
}
