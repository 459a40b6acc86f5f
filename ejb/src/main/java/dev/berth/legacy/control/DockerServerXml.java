package dev.berth.legacy.control;

import dev.berth.configs.control.Endpoint;
import dev.berth.configs.control.Problems;
import dev.berth.configs.control.XmlTree;
import dev.berth.configs.control.XmlTree.Element;
import dev.berth.platform.entity.PathNames;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The guide's {@code docker_server.xml}, one per machine:
 * {@code <Config><Server>ip:port</Server><Share>/path</Share><NodeType>manager</NodeType></Config>}. {@code Server}
 * is the machine's address and the communication port (the same on every machine); {@code NodeType manager} marks the
 * entry machine, the others have no {@code NodeType}.
 */
public final class DockerServerXml {

    public static final String FILE = "docker_server.xml";
    static final String MANAGER = "manager";

    private static final Set<String> FIELDS = Set.of("Server", "Share", "NodeType");

    /**
     * One machine.
     *
     * @param line    the line of its {@code <Server>} tag (0 when not read from a file)
     * @param server  its address and communication port
     * @param share   the share directory (normalised), mounted read-only at {@code /share} in its units; null when
     *                absent
     * @param manager whether it is the entry machine ({@code NodeType manager})
     */
    public record Server(int line, Endpoint server, String share, boolean manager) {
    }

    private DockerServerXml() {
    }

    /**
     * Reads a whole file.
     *
     * @throws ImportRefusedException with every problem of the file, each with its line
     */
    public static Server parse(String xml) {
        Problems problems = new Problems(FILE);
        Server server = XmlTree.read(xml, problems).flatMap(root -> server(root, problems)).orElse(null);
        ImportRefusedException.throwIfAny(problems);
        return server;
    }

    private static Optional<Server> server(Element root, Problems problems) {
        if (!root.name().equals("Config")) {
            problems.add(root.line(), "the root element is <" + root.name() + ">; a " + FILE + " has <Config> with"
                    + " <Server>, <Share> and, on the entry machine, <NodeType>manager</NodeType>");
            return Optional.empty();
        }
        Map<String, Element> fields = new HashMap<>();
        for (Element child : root.children()) {
            if (!FIELDS.contains(child.name())) {
                problems.add(child.line(), "unknown element <" + child.name() + "> in <Config>; expected Server,"
                        + " Share or NodeType (one file describes one machine)");
            } else if (fields.putIfAbsent(child.name(), child) != null) {
                problems.add(child.line(), "<" + child.name() + "> appears twice; one file describes one machine:"
                        + " write one docker_server.xml per machine");
            }
        }
        boolean valid = true;
        Element serverField = fields.get("Server");
        Endpoint endpoint = null;
        if (serverField == null || serverField.text().isEmpty()) {
            problems.add(serverField == null ? root.line() : serverField.line(), "<Server> is missing; give the"
                    + " machine's ip:port, such as 192.168.0.186:9001");
            valid = false;
        } else {
            try {
                endpoint = Endpoint.parse(serverField.text());
            } catch (IllegalArgumentException e) {
                problems.add(serverField.line(), "<Server>: " + e.getMessage());
                valid = false;
            }
        }
        String share = Optional.ofNullable(fields.get("Share")).map(Element::text).orElse("");
        if (!share.isEmpty()) {
            Optional<String> wrong = shareProblem(share);
            if (wrong.isPresent()) {
                problems.add(fields.get("Share").line(), wrong.get());
                valid = false;
            }
        }
        String nodeType = Optional.ofNullable(fields.get("NodeType")).map(Element::text).orElse("");
        if (!nodeType.isEmpty() && !nodeType.equals(MANAGER)) {
            problems.add(fields.get("NodeType").line(), "<NodeType> is '" + nodeType + "'; it is 'manager' on the"
                    + " entry machine and absent on the others");
            valid = false;
        }
        if (!valid) {
            return Optional.empty();
        }
        return Optional.of(new Server(serverField.line(), endpoint,
                share.isEmpty() ? null : Path.of(share).normalize().toString(), nodeType.equals(MANAGER)));
    }

    private static Optional<String> shareProblem(String share) {
        Path path;
        try {
            path = Path.of(share);
        } catch (InvalidPathException e) {
            return Optional.of("<Share> '" + share + "' is no path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            return Optional.of("<Share> '" + share + "' must be an absolute path");
        }
        if (PathNames.climbsOut(path)) {
            return Optional.of("<Share> '" + share + "' climbs out of its directory with '..'");
        }
        return Optional.empty();
    }

    /** The file for one machine: UTF-8 declaration, four-space indent, {@code NodeType} only on the manager. */
    public static String write(Server server) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Config>\n");
        out.append("    <Server>").append(XmlTree.escape(server.server().toString())).append("</Server>\n");
        if (server.share() != null) {
            out.append("    <Share>").append(XmlTree.escape(server.share())).append("</Share>\n");
        }
        if (server.manager()) {
            out.append("    <NodeType>").append(MANAGER).append("</NodeType>\n");
        }
        return out.append("</Config>\n").toString();
    }
}
