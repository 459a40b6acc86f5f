package dev.berth.protocol;

/** The lifecycle operations an agent performs on a unit's container. */
public enum CommandType {
    START, STOP, DELETE
}
