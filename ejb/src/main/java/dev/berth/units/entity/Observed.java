package dev.berth.units.entity;

/**
 * What Berth last saw of a unit's container, as its agent reported it; kept apart from what the unit should be
 * ({@link DesiredState}) and from where its commands left it ({@link UnitState}).
 */
public enum Observed {
    /** The container runs. */
    RUNNING,
    /** The container exists and does not run (with its exit code, and whether it was killed for memory). */
    EXITED,
    /** The unit's host has no container for it. */
    MISSING,
    /** The unit's host is OFFLINE: nobody can tell until its agent reports again. */
    UNKNOWN
}
