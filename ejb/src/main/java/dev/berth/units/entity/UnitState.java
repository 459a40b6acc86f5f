package dev.berth.units.entity;

/** The observed state of a unit, as the last agent result (or its absence) tells. */
public enum UnitState {
    /** Created, never started. */
    DEFINED,
    /** A start command is on its way or running. */
    STARTING,
    /** The container runs and its process answers on the port. */
    RUNNING,
    /** A stop or delete command is on its way or running. */
    STOPPING,
    STOPPED,
    /** The last command failed or was not answered; {@code lastError} says why. */
    FAILED
}
