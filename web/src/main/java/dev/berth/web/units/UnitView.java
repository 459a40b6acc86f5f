package dev.berth.web.units;

import dev.berth.units.entity.Unit;
import java.time.Instant;

/** A unit as the API shows it. */
public record UnitView(long id, String user, String host, String address, int port, String image, String desiredState,
                       String state, String containerId, String lastError, String lastCommand, Instant updatedAt) {

    public static UnitView of(Unit u) {
        return new UnitView(u.getId(), u.getOwner().getName(), u.getHost().getName(), u.getHost().getAddress(),
                u.getPort(), u.getImage(), u.getDesiredState().name(), u.getState().name(), u.getContainerId(),
                u.getLastError(), u.getLastCommandId(), u.getUpdatedAt());
    }
}
