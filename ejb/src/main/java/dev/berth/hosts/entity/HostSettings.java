package dev.berth.hosts.entity;

import dev.berth.platform.entity.BerthException;
import dev.berth.platform.entity.PathNames;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What an admin says about a host, as docker_server.xml does.
 *
 * @param address   where units of the host are reached (an IPv4 address or a DNS name)
 * @param shareDir  optional absolute directory mounted read-only at {@code /share}; absent: the agent's default
 * @param portMin   optional lowest port units may use (default 1024)
 * @param portMax   optional highest port units may use (default 65535)
 * @param manager   optional: the guide's entry machine ({@code NodeType manager}); at most one host is
 * @param commPort  optional: the guide's communication port, kept for docker_server.xml
 */
public record HostSettings(String address, String shareDir, Integer portMin, Integer portMax, Boolean manager,
                           Integer commPort) {

    static final Pattern ADDRESS = Pattern.compile(
            "(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)"
                    + "|(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    /** The settings with defaults filled in, or a refusal that names every problem. */
    public HostSettings checked() {
        StringBuilder problems = new StringBuilder();
        String trimmedAddress = address == null ? null : address.trim();
        if (trimmedAddress == null || !ADDRESS.matcher(trimmedAddress).matches()) {
            problems.append("; address '").append(address).append("' is no IPv4 address or host name");
        }
        String share = null;
        if (shareDir != null && !shareDir.isBlank()) {
            try {
                Path path = Path.of(shareDir.trim());
                if (!path.isAbsolute()) {
                    problems.append("; shareDir '").append(shareDir).append("' must be an absolute path");
                } else if (PathNames.climbsOut(path)) {
                    problems.append("; shareDir '").append(shareDir).append("' must not contain '..'");
                } else {
                    share = path.normalize().toString();
                }
            } catch (InvalidPathException e) {
                problems.append("; shareDir '").append(shareDir).append("' is no path: ").append(e.getReason());
            }
        }
        int min = portMin == null ? Host.MIN_PORT : portMin;
        int max = portMax == null ? Host.MAX_PORT : portMax;
        if (min < Host.MIN_PORT || max > Host.MAX_PORT || min > max) {
            problems.append("; the port range ").append(min).append("..").append(max).append(" must lie within ")
                    .append(Host.MIN_PORT).append("..").append(Host.MAX_PORT).append(", lowest first");
        }
        if (commPort != null && (commPort < 1 || commPort > Host.MAX_PORT)) {
            problems.append("; commPort ").append(commPort).append(" is no port");
        }
        if (!problems.isEmpty()) {
            throw BerthException.invalid(problems.substring(2));
        }
        return new HostSettings(trimmedAddress, share, min, max, Boolean.TRUE.equals(manager), commPort);
    }
}
