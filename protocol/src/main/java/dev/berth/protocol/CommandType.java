package dev.berth.protocol;

/** What an agent is asked to do with a unit's container. */
public enum CommandType {
    START, STOP, DELETE,
    /** Read the container's logs and answer on the message's reply-to queue; changes nothing. */
    LOGS
}
