package dev.berth.protocol;

/**
 * A unit as the manager expects it on its host, in a {@link Survey}.
 *
 * @param unitId the unit
 * @param user   its owner
 * @param port   its port on the host
 * @param start  the start the manager would send for it now; null when none can be made (the agent then compares no
 *               config hash for the unit)
 */
public record ExpectedUnit(long unitId, String user, int port, StartUnit start) {
}
