package dev.berth.web.units;

import dev.berth.units.entity.RestartPolicy;
import dev.berth.units.entity.Unit;
import java.time.Instant;

/**
 * A unit as the API shows it: what it should be ({@code desiredState}), where its commands left it ({@code state}),
 * and what its agent last saw of its container ({@code observed}).
 *
 * @param restartPolicy the policy it follows: its own, else the admins' default
 * @param ownPolicy     whether the unit chose its policy itself (false: the default)
 * @param restarts      the restarts of its current streak (0: none)
 */
public record UnitView(long id, String user, String host, String address, int port, String image, String desiredState,
                       String state, String containerId, String lastError, String lastCommand, Instant updatedAt,
                       ObservedView observed, String restartPolicy, boolean ownPolicy, int restarts) {

    /**
     * What the unit's agent last saw of its container.
     *
     * @param state     RUNNING, EXITED, MISSING (no container) or UNKNOWN (its host is OFFLINE)
     * @param exitCode  the last exit code when EXITED
     * @param oomKilled whether the kernel killed it for memory
     * @param at        when the agent looked, by its clock
     */
    public record ObservedView(String state, Integer exitCode, boolean oomKilled, Instant at) {
    }

    public static UnitView of(Unit u, RestartPolicy defaultPolicy) {
        ObservedView observed = u.getObserved() == null ? null : new ObservedView(u.getObserved().name(),
                u.getObservedExitCode(), u.isObservedOom(), u.getObservedAt());
        RestartPolicy policy = u.getRestartPolicy() == null ? defaultPolicy : u.getRestartPolicy();
        return new UnitView(u.getId(), u.getOwner().getName(), u.getHost().getName(), u.getHost().getAddress(),
                u.getPort(), u.getImage(), u.getDesiredState().name(), u.getState().name(), u.getContainerId(),
                u.getLastError(), u.getLastCommandId(), u.getUpdatedAt(), observed, policy.text(),
                u.getRestartPolicy() != null, u.getRestarts());
    }
}
