package dev.berth.protocol;

/** What a message on a Berth queue carries; sent as the JMS property {@link Messages#TYPE}. */
public enum MessageType {
    /** Manager to agent: a lifecycle command for one unit. */
    COMMAND,
    /** Agent to manager: the outcome of a command. */
    RESULT,
    /** Agent to manager: "I am alive, and this is my Docker engine". */
    HEARTBEAT,
    /** Agent to manager, on a LOGS command's reply-to queue: the log lines asked for, or one chunk of a followed stream. */
    LOGS,
    /** Agent to manager, on a CLEANUP command's reply-to queue: what was (or would be) removed. */
    CLEANUP,
    /** Agent to manager: what it saw of its host's containers, after an engine event or as a whole inventory. */
    OBSERVATION,
    /**
     * Agent to manager, on a SURVEY or REPAIR_DRIFT command's reply-to queue: what the agent found on its host
     * ({@link SurveyReport}) or did there ({@link DriftRepairs}).
     */
    DRIFT,
    /** Agent to manager, on a PING's reply-to queue: {@link Pong}, correlated by the ping's JMS message id. */
    PONG
}
