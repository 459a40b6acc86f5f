package dev.berth.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * A lifecycle command, manager to agent, on queue {@code berth.agent.<host>}.
 *
 * @param version          {@link Messages#VERSION}
 * @param commandId        unique id; the same id delivered twice must have one effect
 * @param type             what to do
 * @param unitId           the unit the command is for
 * @param user             the unit's owner (container label)
 * @param container        the container to create when starting; may be null for STOP and DELETE
 * @param readinessSeconds how long a START may wait for the unit's process to answer
 * @param logs             what to read, for LOGS; null otherwise
 * @param image            where to fetch the image tar, for LOAD_IMAGE; null otherwise
 */
public record AgentCommand(int version, String commandId, CommandType type, long unitId, String user,
                           ContainerSpec container, int readinessSeconds, LogRequest logs, ImageDownload image) {

    /**
     * Checks what JSON-B cannot: required fields and sane values.
     *
     * @throws MalformedMessageException naming every problem found
     */
    public AgentCommand validated() {
        List<String> problems = new ArrayList<>();
        if (version != Messages.VERSION) {
            problems.add("version " + version + " is not supported (expected " + Messages.VERSION + ")");
        }
        if (commandId == null || commandId.isBlank()) {
            problems.add("commandId is missing");
        }
        if (type == null) {
            problems.add("type is missing");
        }
        if (unitId <= 0 && type != CommandType.LOAD_IMAGE) {
            problems.add("unitId is missing");
        }
        if (user == null || user.isBlank()) {
            problems.add("user is missing");
        }
        if (type == CommandType.START) {
            if (container == null) {
                problems.add("container is missing for START");
            } else {
                if (container.image() == null || container.image().isBlank()) problems.add("container.image is missing");
                if (container.name() == null || container.name().isBlank()) problems.add("container.name is missing");
                if (container.port() < 1 || container.port() > 65535) problems.add("container.port is out of range");
                if (container.home() == null || container.home().isBlank()) problems.add("container.home is missing");
                if (container.uid() <= 0) {
                    problems.add("container.uid must be an unprivileged uid (units never run as root)");
                }
                if (container.pidsLimit() <= 0) problems.add("container.pidsLimit must be positive");
                if (container.nofileLimit() <= 0) problems.add("container.nofileLimit must be positive");
                container.clients().stream().filter(cidr -> !Cidr.isValid(cidr)).forEach(cidr -> problems.add(
                        "container.allowedClients: '" + cidr + "' is no IPv4 network"));
                container.peerUnits().stream().filter(peer -> !Cidr.isEndpoint(peer))
                        .forEach(peer -> problems.add("container.peers: '" + peer + "' is no IPv4 address:port"));
                container.otherHostAddresses().stream().filter(host -> !Cidr.isAddress(host))
                        .forEach(host -> problems.add("container.otherHosts: '" + host + "' is no IPv4 address"));
                container.files().keySet().stream().filter(file -> !ContainerSpec.isPlainFileName(file))
                        .forEach(file -> problems.add("container.configFiles: '" + file + "' is no plain file name"));
            }
            if (readinessSeconds <= 0) {
                problems.add("readinessSeconds must be positive");
            }
        }
        if (type == CommandType.LOGS && logs == null) {
            problems.add("logs is missing for LOGS");
        }
        if (type == CommandType.LOAD_IMAGE) {
            if (image == null) {
                problems.add("image is missing for LOAD_IMAGE");
            } else {
                problems.addAll(image.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new MalformedMessageException(String.join("; ", problems));
        }
        return this;
    }
}
