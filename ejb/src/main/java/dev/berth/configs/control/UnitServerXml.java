package dev.berth.configs.control;

import dev.berth.configs.control.XmlTree.Element;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * esProc's {@code unitServer.xml}: the {@code ip:port} a node serves on and its task counts, in the shape the node
 * (and the unit image's start script) accepts:
 * <pre>{@code
 * <SERVER Version="3">
 *     <TempTimeOut>12</TempTimeOut> <Interval>0</Interval> <AutoStart>false</AutoStart> <ProxyTimeOut>12</ProxyTimeOut>
 *     <Hosts><Host ip=".." port=".." maxTaskNum=".." preferredTaskNum="..">
 *     </Host></Hosts>
 *     <EnabledClients check="false"></EnabledClients>
 * </SERVER>}</pre>
 * Each {@code Host} stays on one line: the start script finds a unit's entry by its port with a line-based match.
 * <p>
 * The one reader of this file in Berth: an import takes the units it lists, an admin's edit is checked with it.
 */
public final class UnitServerXml {

    public static final String FILE = "unitServer.xml";
    /** esProc reads unitServer.xml of version 3 and later only. */
    public static final int MIN_VERSION = 3;

    /**
     * One node's entry.
     *
     * @param ip               the address the node serves on ({@code 0.0.0.0} in a container)
     * @param maxTaskNum       tasks the node runs at most; {@link #NOT_GIVEN} in a file that leaves it out
     * @param preferredTaskNum tasks the node prefers, at most {@code maxTaskNum}; {@link #NOT_GIVEN} likewise
     */
    public record Host(String ip, int port, int maxTaskNum, int preferredTaskNum) {

        /** A task count the file does not give: esProc then sizes it by the CPUs it sees. */
        public static final int NOT_GIVEN = 0;

        /** The entry of a unit with {@code cpuShares}: task counts by {@link TaskCounts#forCpuShares}. */
        public static Host forCpuShares(String ip, int port, int cpuShares) {
            TaskCounts counts = TaskCounts.forCpuShares(cpuShares);
            return new Host(ip, port, counts.max(), counts.preferred());
        }

        @Override
        public String toString() {
            return ip + ":" + port;
        }
    }

    /**
     * A {@code Host} as read, with the line of its tag.
     */
    public record Entry(int line, Host host) {
    }

    /**
     * A whole file as read.
     *
     * @param hosts       the {@code Host} entries in the file's order
     * @param clientCheck the {@code check} of {@code EnabledClients}: whether only listed clients may connect
     * @param hostsLine   the line of {@code <Hosts>}
     */
    public record Config(List<Entry> hosts, boolean clientCheck, int hostsLine) {

        public Config {
            hosts = List.copyOf(hosts);
        }
    }

    private UnitServerXml() {
    }

    /**
     * Reads a whole file as esProc would take it; every problem found goes to {@code problems} with its line, and
     * then nothing is given.
     */
    public static Optional<Config> read(String xml, Problems problems) {
        return XmlTree.read(xml, problems).flatMap(root -> config(root, problems));
    }

    private static Optional<Config> config(Element root, Problems problems) {
        if (!root.name().equals("SERVER")) {
            problems.add(root.line(), "the root element is <" + root.name() + ">; a " + FILE + " has <SERVER Version=\""
                    + MIN_VERSION + "\"> with <Hosts> and <EnabledClients>");
            return Optional.empty();
        }
        boolean valid = true;
        String version = root.attribute("Version").orElse("");
        if (!version.matches("\\d{1,4}") || Integer.parseInt(version) < MIN_VERSION) {
            problems.add(root.line(), "<SERVER> has Version '" + version + "'; esProc needs Version=\"" + MIN_VERSION
                    + "\" or later");
            valid = false;
        }
        List<Element> hostsElements = root.children("Hosts");
        int hostsLine = hostsElements.isEmpty() ? root.line() : hostsElements.get(0).line();
        List<Entry> entries = new ArrayList<>();
        if (hostsElements.size() != 1) {
            problems.add(hostsElements.isEmpty() ? root.line() : hostsElements.get(1).line(), "<SERVER> needs exactly"
                    + " one <Hosts>, found " + hostsElements.size());
            valid = false;
        } else {
            Map<String, Integer> seen = new HashMap<>();
            for (Element child : hostsElements.get(0).children()) {
                if (!child.name().equals("Host")) {
                    problems.add(child.line(), "unknown element <" + child.name() + "> in <Hosts>; expected <Host>");
                    valid = false;
                    continue;
                }
                Optional<Host> host = host(child, problems);
                if (host.isEmpty()) {
                    valid = false;
                    continue;
                }
                Integer before = seen.putIfAbsent(host.get().toString(), child.line());
                if (before != null) {
                    problems.add(child.line(), "host " + host.get() + " appears twice (also on line " + before
                            + "); keep one");
                    valid = false;
                }
                entries.add(new Entry(child.line(), host.get()));
            }
        }
        List<Element> clients = root.children("EnabledClients");
        boolean check = false;
        if (clients.size() != 1) {
            problems.add(clients.isEmpty() ? root.line() : clients.get(1).line(), "<SERVER> needs exactly one"
                    + " <EnabledClients check=\"true|false\">, found " + clients.size());
            valid = false;
        } else {
            String value = clients.get(0).attribute("check").orElse("");
            if (!value.equals("true") && !value.equals("false")) {
                problems.add(clients.get(0).line(), "<EnabledClients> has check '" + value + "'; write check=\"true\""
                        + " (only listed clients) or check=\"false\"");
                valid = false;
            }
            check = value.equals("true");
        }
        return valid ? Optional.of(new Config(entries, check, hostsLine)) : Optional.empty();
    }

    private static Optional<Host> host(Element element, Problems problems) {
        boolean valid = true;
        String ip = element.attribute("ip").orElse("");
        try {
            Endpoint.checkAddress(ip, "ip=\"" + ip + "\"");
        } catch (IllegalArgumentException e) {
            problems.add(element.line(), "<Host>: " + e.getMessage());
            valid = false;
        }
        Optional<Integer> port = number(element, "port", Endpoint.MIN_PORT, Endpoint.MAX_PORT, problems);
        // esProc takes a Host without task counts (and sizes them by its CPUs), so a missing one is no problem
        Optional<Integer> max = element.attribute("maxTaskNum").isEmpty() ? Optional.of(Host.NOT_GIVEN)
                : number(element, "maxTaskNum", 1, 1024, problems);
        Optional<Integer> preferred = element.attribute("preferredTaskNum").isEmpty() ? Optional.of(Host.NOT_GIVEN)
                : number(element, "preferredTaskNum", 1, 1024, problems);
        if (port.isEmpty() || max.isEmpty() || preferred.isEmpty() || !valid) {
            return Optional.empty();
        }
        if (max.get() != Host.NOT_GIVEN && preferred.get() > max.get()) {
            problems.add(element.line(), "<Host> " + ip + ":" + port.get() + " prefers " + preferred.get()
                    + " tasks but allows only maxTaskNum " + max.get() + "; preferredTaskNum must not exceed it");
            return Optional.empty();
        }
        return Optional.of(new Host(ip, port.get(), max.get(), preferred.get()));
    }

    private static Optional<Integer> number(Element element, String attribute, int min, int max, Problems problems) {
        Optional<String> text = element.attribute(attribute);
        if (text.isEmpty() || text.get().isEmpty()) {
            problems.add(element.line(), "<Host> has no " + attribute + "=\"...\"");
            return Optional.empty();
        }
        if (!text.get().matches("\\d{1,9}")) {
            problems.add(element.line(), "<Host> " + attribute + " '" + text.get() + "' is no number");
            return Optional.empty();
        }
        int value = Integer.parseInt(text.get());
        if (value < min || value > max) {
            problems.add(element.line(), "<Host> " + attribute + " " + value + " is outside " + min + ".." + max);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** The file for {@code hosts}, one {@code Host} per unit, any client allowed ({@code check="false"}). */
    public static String write(List<Host> hosts) {
        StringBuilder out = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <SERVER Version="3">
                    <TempTimeOut>12</TempTimeOut>
                    <Interval>0</Interval>
                    <AutoStart>false</AutoStart>
                    <ProxyTimeOut>12</ProxyTimeOut>
                    <Hosts>
                """);
        for (Host host : hosts) {
            out.append("        <Host ip=\"").append(XmlTree.escape(host.ip())).append("\" port=\"").append(host.port())
                    .append("\" maxTaskNum=\"").append(host.maxTaskNum()).append("\" preferredTaskNum=\"")
                    .append(host.preferredTaskNum()).append("\">\n        </Host>\n");
        }
        return out.append("""
                    </Hosts>
                    <EnabledClients check="false">
                    </EnabledClients>
                </SERVER>
                """).toString();
    }
}
