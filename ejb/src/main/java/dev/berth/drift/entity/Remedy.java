package dev.berth.drift.entity;

/** What repairing a {@link Finding} does. */
public enum Remedy {
    /** A normal start of the unit through Berth, which makes its container again. */
    START_UNIT,
    /** The host's agent removes the container (and its port's firewall rules when no unit holds the port). */
    REMOVE_CONTAINER,
    /** The host's agent deletes the nat rule. */
    DELETE_NAT_RULE,
    /** Nothing Berth may do: only an operator can (the reason is the finding's {@code noRepair}). */
    NONE
}
