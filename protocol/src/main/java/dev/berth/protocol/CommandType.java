package dev.berth.protocol;

/** What an agent is asked to do: with a unit's container, or with its host's images. */
public enum CommandType {
    START, STOP, DELETE,
    /** Read the container's logs and answer on the message's reply-to queue; changes nothing. */
    LOGS,
    /** Fetch an uploaded image tar from the manager and load it into the host's engine; concerns no unit. */
    LOAD_IMAGE
}
