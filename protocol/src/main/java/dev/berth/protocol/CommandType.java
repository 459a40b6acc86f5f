package dev.berth.protocol;

/** What an agent is asked to do: with a unit's container, or with its host's images. */
public enum CommandType {
    START, STOP, DELETE,
    /** Read the container's logs and answer on the message's reply-to queue; changes nothing. */
    LOGS,
    /** Fetch an uploaded image tar from the manager and load it into the host's engine; concerns no unit. */
    LOAD_IMAGE,
    /**
     * "Still reading": keeps the follower of a LOGS command with {@link LogRequest#follow()} alive; its
     * {@code commandId} is that LOGS command's. The manager sends one every few seconds; an agent stops a follower
     * that has heard none for a while (the reader went away without saying so).
     */
    LOGS_FOLLOWING,
    /** Stops the follower of the LOGS command whose {@code commandId} it carries; unknown or ended ones: no effect. */
    LOGS_STOP
}
