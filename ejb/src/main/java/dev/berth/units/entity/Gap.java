package dev.berth.units.entity;

/** What the reconciler finds between a unit's desired and observed state, and so what it does. */
public enum Gap {
    /** Nothing to do: as wanted, or a command is under way, or nothing is known. */
    NONE,
    /** The container runs but the unit is not RUNNING (its answer was lost, or came late): it is RUNNING. */
    ADOPT,
    /** A unit restarted in a streak has run long enough: the streak ends, summarised once. */
    RECOVERED,
    /** A unit stopped through Berth runs again (started outside Berth): it is stopped again. */
    STRAY,
    /** Its container ended or vanished and its policy does not restart it: FAILED with the reason. */
    FAIL,
    /** Its container ended with code 0 under {@code on-failure}: the unit is stopped, as its process wanted. */
    DONE,
    /** The streak reached the restart limit: FAILED with the reason, summarised once. */
    GIVE_UP,
    /** A restart is due now. */
    RESTART,
    /** A restart is wanted, after the backoff. */
    BACK_OFF
}
