package dev.berth.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Sets anew which clients may reach a running unit's port, without restarting it: the firewall rules a
 * {@link StartUnit} put up for the port are replaced by these. The manager sends it when a user's client session opens
 * or ends on a unit that already runs. A unit that does not run is left alone; its next start carries the list.
 *
 * @param commandId      see {@link AgentCommand#commandId()}
 * @param unitId         the unit
 * @param user           the unit's owner
 * @param port           the unit's port on the host
 * @param uid            the owner's uid, which names the owner's network on the host
 * @param allowedClients the networks (IPv4 CIDR) that may reach the port from now on, besides the user's own units
 * @param peers          the user's units on other hosts ({@code a.b.c.d:port}), whose hosts may reach it too
 */
public record AllowClients(String commandId, long unitId, String user, int port, int uid, List<String> allowedClients,
                           List<String> peers) implements AgentCommand {

    public AllowClients {
        Problems problems = new Problems("ALLOW_CLIENTS").commandId(commandId).unitId(unitId).user(user)
                .check(port >= 1 && port <= 65535, "port is out of range")
                .check(uid > 0, "uid must be an unprivileged uid");
        allowedClients = allowedClients == null ? List.of() : List.copyOf(allowedClients);
        peers = peers == null ? List.of() : List.copyOf(peers);
        allowedClients.stream().filter(cidr -> !Cidr.isValid(cidr))
                .forEach(cidr -> problems.add("allowedClients: '" + cidr + "' is no IPv4 network"));
        peers.stream().filter(peer -> !Cidr.isEndpoint(peer))
                .forEach(peer -> problems.add("peers: '" + peer + "' is no IPv4 address:port"));
        problems.throwIfAny();
    }

    @Override
    public CommandType kind() {
        return CommandType.ALLOW_CLIENTS;
    }

    @Override
    public <R> R handledBy(Handler<R> handler) {
        return Objects.requireNonNull(handler).allowClients(this);
    }
}
