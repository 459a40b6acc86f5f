package dev.berth.units.boundary;

import dev.berth.units.entity.UnitState;

/**
 * A unit's state changed: it was defined, a start, stop or delete was requested, or its agent's answer (or the lack
 * of one) decided it. Fired inside the transaction that wrote the change; observers that must see only what was
 * committed (the console's live pages) observe it {@code during = TransactionPhase.AFTER_SUCCESS}. It says whose unit
 * it is, so that an observer can tell the owner (and admins) without reading the unit again.
 *
 * @param id    the unit
 * @param owner the unit's user's name
 * @param state the unit's new state; null when the unit is gone (a delete succeeded)
 */
public record UnitChanged(long id, String owner, UnitState state) {

    /** Whether the unit was deleted. */
    public boolean gone() {
        return state == null;
    }
}
