package dev.berth.protocol;

/**
 * The kinds of {@link AgentCommand}, one per record: the manager keeps a command's kind with it, and the JSON property
 * {@code type} names it.
 */
public enum CommandType {
    /** {@link StartUnit} */
    START,
    /** {@link StopUnit} */
    STOP,
    /** {@link DeleteUnit} */
    DELETE,
    /** {@link ReadLogs} */
    LOGS,
    /** {@link LoadImage} */
    LOAD_IMAGE,
    /** {@link KeepFollowing} */
    LOGS_FOLLOWING,
    /** {@link StopFollowing} */
    LOGS_STOP,
    /** {@link AllowClients} */
    ALLOW_CLIENTS,
    /** {@link CleanHost} */
    CLEANUP,
    /** {@link Survey} */
    SURVEY,
    /** {@link RepairDrift} */
    REPAIR_DRIFT,
    /** {@link Ping} */
    PING
}
