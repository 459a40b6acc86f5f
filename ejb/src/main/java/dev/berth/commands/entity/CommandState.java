package dev.berth.commands.entity;

/** Where a command stands. */
public enum CommandState {
    /** Sent, not answered yet. */
    PENDING,
    SUCCEEDED,
    FAILED,
    /** Not answered within the command timeout. */
    EXPIRED
}
