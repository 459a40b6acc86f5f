package dev.berth.protocol;

/** What the engine says of a unit's container, as an agent reports it in an {@link Observation}. */
public enum ContainerStatus {
    /** The container runs (also while it restarts or is paused: its process is there). */
    RUNNING,
    /** The container exists and does not run: it exited, was stopped, or was made and never started. */
    EXITED,
    /** The container has just been removed (an engine's destroy event); an inventory simply leaves it out. */
    REMOVED
}
