package dev.berth.protocol;

/** What an agent saw of a unit's container after acting on a command. */
public enum ObservedState {
    /** The container runs and its process answers on the unit's port. */
    RUNNING,
    /** The container exists and is stopped. */
    STOPPED,
    /** The container could not be started or did not become ready; see the result's error. */
    FAILED,
    /** No container is left for the unit. */
    REMOVED
}
