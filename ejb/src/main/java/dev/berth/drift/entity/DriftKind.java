package dev.berth.drift.entity;

/** What kind of difference between a host and what Berth keeps a {@link Finding} is. */
public enum DriftKind {
    /** A container labelled {@code berth.managed} whose unit id no unit of its host has. */
    ORPHAN_CONTAINER,
    /** A unit that runs, or is meant to (it failed), has no container. */
    MISSING_CONTAINER,
    /** A container's {@code berth.config-hash} differs from the one its unit's start would give now. */
    CONFIG_CHANGED,
    /** A unit that runs, or is meant to, has a container that does not run. */
    EXITED_CONTAINER,
    /** A unit's port on its host is held by something that is not the unit: another container or a host process. */
    PORT_HELD,
    /** A DNAT rule of the nat table for a unit's port that sends connections where no running container is. */
    STALE_DNAT
}
