package dev.berth.agent.isolation.control;

import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.protocol.Cidr;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The host's firewall rules (iptables) around this agent's units, in chains of its own so that several agents on one
 * machine (several engines acting as hosts) never touch each other's rules:
 * <ul>
 * <li>{@code BERTH-<tag>-IN}, jumped to from {@code INPUT}: a unit's published port is reached through docker-proxy
 * on the host, so a new connection to it is checked here against the unit's chain; every other new connection from
 * a unit network to the host (Berth's HTTP port, the broker, ssh, ...) is rejected.</li>
 * <li>{@code BERTH-<tag>-FWD}, jumped to from {@code DOCKER-USER} (or {@code FORWARD} on an engine without it):
 * a connection forwarded to a unit (DNAT from another machine, or another container) is checked against the unit's
 * chain; traffic within a user's network passes; traffic between two different users' networks is dropped.</li>
 * <li>{@code BERTH-<tag>-<port>}, one per running unit: accepts the user's own network, the user's allowed client
 * networks (with the addresses of the user's client sessions) and the hosts of the user's units elsewhere, rejects
 * everything else; replaced on its own when a session opens or ends ({@link #replaceClients}).</li>
 * <li>{@code BERTH-<tag>-U<uid>}, one per user network, for connections leaving it: the user's units on other hosts
 * may be reached, no other address of Berth's other hosts (their units, their agents, the manager's ports).</li>
 * </ul>
 * Each change is one {@code iptables-restore} transaction: a unit's rules are all there or not at all. Processes on
 * the host itself reach units directly (the agent's readiness check does); the host is trusted.
 */
@ApplicationScoped
public class HostFirewall {

    @Inject
    AgentConfiguration config;

    /** Whether this agent manages firewall rules at all ({@code berth.agent.firewall}). */
    public boolean enabled() {
        return config.firewall();
    }

    /**
     * Puts up the rules for one unit, all at once: its port reached only from the user's own network, the allowed
     * networks and the hosts of the user's units elsewhere; the user's network kept apart from the others', and from
     * Berth's other hosts but for the user's own units there.
     *
     * @param peers      the user's units on other hosts, {@code address:port}
     * @param otherHosts the addresses of Berth's other hosts
     * @throws FirewallException saying what could not be set
     */
    public synchronized void allow(int port, String userBridge, int uid, List<String> allowedClients,
                                   List<String> peers, List<String> otherHosts) {
        if (!enabled()) {
            return;
        }
        List<String> state = save();
        List<String> batch = new ArrayList<>();
        ensureChains(state, batch);
        String unitChain = unitChain(port);
        unitRules(unitChain, userBridge, allowedClients, peers, batch);
        String destination = config.bindsEverywhere() ? "" : "-d " + config.bindAddress() + "/32 ";
        replaceJump(state, batch, inChain(), unitChain, destination + "-p tcp -m tcp --dport " + port
                + " -m conntrack --ctstate NEW -j " + unitChain);
        replaceJump(state, batch, fwdChain(), unitChain, "-o " + userBridge + " -p tcp -m tcp --dport " + port
                + " -m conntrack --ctstate NEW -j " + unitChain);
        String own = ownNetwork(userBridge);
        if (!state.contains("-A " + own)) {
            batch.add("-I " + fwdChain() + " 1" + own.substring(fwdChain().length()));
        }
        String leaving = leavingChain(uid);
        batch.add(":" + leaving + " - [0:0]");
        for (String peer : peers) {
            batch.add("-A " + leaving + " -d " + addressOf(peer) + "/32 -p tcp -m tcp --dport "
                    + peer.substring(peer.lastIndexOf(':') + 1) + " -j RETURN");
        }
        for (String host : otherHosts) {
            batch.add("-A " + leaving + " -d " + Cidr.parse(host) + " -j REJECT --reject-with icmp-port-unreachable");
        }
        String leave = "-A " + fwdChain() + " -i " + userBridge + " -j " + leaving;
        if (!state.contains(leave)) {
            batch.add(leave);
        }
        restore(batch);
    }

    /**
     * Replaces who may reach a running unit's port (its chain's rules, at once), leaving everything else of the unit's
     * rules as its start set them.
     *
     * @return false when the port has no chain here (no unit of this agent runs on it): nothing was changed
     * @throws FirewallException saying what could not be set
     */
    public synchronized boolean replaceClients(int port, String userBridge, List<String> allowedClients,
                                               List<String> peers) {
        if (!enabled()) {
            return true;
        }
        String unitChain = unitChain(port);
        if (save().stream().noneMatch(l -> l.startsWith(":" + unitChain + " "))) {
            return false;
        }
        List<String> batch = new ArrayList<>();
        unitRules(unitChain, userBridge, allowedClients, peers, batch);
        restore(batch);
        return true;
    }

    /** A unit's chain: its user's network, the allowed networks and the hosts of the user's peers; nobody else. */
    private static void unitRules(String unitChain, String userBridge, List<String> allowedClients,
                                  List<String> peers, List<String> batch) {
        // a chain declared in a restore is made, or emptied when it exists
        batch.add(":" + unitChain + " - [0:0]");
        batch.add("-A " + unitChain + " -i " + userBridge + " -j ACCEPT");
        for (String network : allowedClients) {
            batch.add("-A " + unitChain + " -s " + Cidr.parse(network) + " -j ACCEPT");
        }
        peers.stream().map(HostFirewall::addressOf).distinct()
                .forEach(host -> batch.add("-A " + unitChain + " -s " + host + "/32 -j ACCEPT"));
        batch.add("-A " + unitChain + " -p tcp -j REJECT --reject-with tcp-reset");
        batch.add("-A " + unitChain + " -j REJECT --reject-with icmp-port-unreachable");
    }

    private static String addressOf(String endpoint) {
        return Cidr.parse(endpoint.substring(0, endpoint.lastIndexOf(':'))).first();
    }

    /** Takes a unit's rules down, at once; nothing to take down is fine. */
    public synchronized void remove(int port) {
        if (!enabled()) {
            return;
        }
        List<String> state = save();
        String unitChain = unitChain(port);
        if (state.stream().noneMatch(l -> l.startsWith(":" + unitChain + " "))) {
            return;
        }
        List<String> batch = new ArrayList<>();
        jumpsTo(state, unitChain).forEach(jump -> batch.add("-D" + jump.substring(2)));
        batch.add("-F " + unitChain);
        batch.add("-X " + unitChain);
        restore(batch);
    }

    /**
     * The DNAT rules of the nat table, a line each as {@code iptables-save -t nat} writes them (Docker's own for
     * published ports, and any an operator added); read whether or not this agent manages filter rules.
     *
     * @throws FirewallException when the table cannot be read
     */
    public List<String> dnatRules() {
        return call(null, "iptables-save", "-t", "nat").lines()
                .filter(l -> l.startsWith("-A ") && l.contains(" -j DNAT")).toList();
    }

    /**
     * Deletes one rule of the nat table, given as {@link #dnatRules} gave it, in one transaction.
     *
     * @return false when the rule is not there (any more): nothing was changed
     * @throws FirewallException when it cannot be deleted
     */
    public synchronized boolean deleteNatRule(String rule) {
        if (!dnatRules().contains(rule)) {
            return false;
        }
        call("*nat\n-D" + rule.substring(2) + "\nCOMMIT\n", "iptables-restore", "-w", "10", "--noflush");
        return true;
    }

    /** The bridge-name prefix of this agent's unit networks, also used as the wildcard in its rules. */
    public String bridgePrefix() {
        return "b" + config.tag();
    }

    String inChain() {
        return "BERTH-" + config.tag() + "-IN";
    }

    String fwdChain() {
        return "BERTH-" + config.tag() + "-FWD";
    }

    String unitChain(int port) {
        return "BERTH-" + config.tag() + "-" + port;
    }

    String leavingChain(int uid) {
        return "BERTH-" + config.tag() + "-U" + uid;
    }

    /** The rule (without {@code -A}) that lets a user's units reach each other on their network. */
    private String ownNetwork(String userBridge) {
        return fwdChain() + " -i " + userBridge + " -o " + userBridge + " -j RETURN";
    }

    /** This agent's chains, their last rules and the jumps into them, where missing. */
    private void ensureChains(List<String> state, List<String> batch) {
        String wildcard = bridgePrefix() + "+";
        for (String chain : List.of(inChain(), fwdChain())) {
            if (state.stream().noneMatch(l -> l.startsWith(":" + chain + " "))) {
                batch.add(":" + chain + " - [0:0]");
            }
        }
        String noNewToHost = "-A " + inChain() + " -i " + wildcard + " -m conntrack --ctstate NEW -j REJECT"
                + " --reject-with icmp-port-unreachable";
        if (!state.contains(noNewToHost)) {
            batch.add(noNewToHost);
        }
        String noCrossUser = "-A " + fwdChain() + " -i " + wildcard + " -o " + wildcard + " -j DROP";
        if (!state.contains(noCrossUser)) {
            batch.add(noCrossUser);
        }
        if (!state.contains("-A INPUT -j " + inChain())) {
            batch.add("-I INPUT 1 -j " + inChain());
        }
        String forward = state.stream().anyMatch(l -> l.startsWith(":DOCKER-USER ")) ? "DOCKER-USER" : "FORWARD";
        if (!state.contains("-A " + forward + " -j " + fwdChain())) {
            batch.add("-I " + forward + " 1 -j " + fwdChain());
        }
    }

    /** Makes {@code jump} the one rule of {@code chain} that leads to {@code target}. */
    private static void replaceJump(List<String> state, List<String> batch, String chain, String target,
                                    String jump) {
        List<String> present = jumpsTo(state, target).stream().filter(l -> l.startsWith("-A " + chain + " "))
                .toList();
        if (present.equals(List.of("-A " + chain + " " + jump))) {
            return;
        }
        present.forEach(old -> batch.add("-D" + old.substring(2)));
        batch.add("-I " + chain + " 1 " + jump);
    }

    private static List<String> jumpsTo(List<String> state, String target) {
        return state.stream().filter(l -> l.startsWith("-A ") && l.endsWith(" -j " + target)).toList();
    }

    /** The filter table as {@code iptables-save} writes it, a line each. */
    private List<String> save() {
        return call(null, "iptables-save", "-t", "filter").lines().toList();
    }

    /** Applies the lines to the filter table in one transaction: all of them, or none. */
    private void restore(List<String> lines) {
        if (!lines.isEmpty()) {
            call("*filter\n" + String.join("\n", lines) + "\nCOMMIT\n", "iptables-restore", "-w", "10", "--noflush");
        }
    }

    private static String call(String input, String... command) {
        try {
            return HostCommand.run(input, command);
        } catch (IOException e) {
            throw new FirewallException(e.getMessage() + (input == null ? "" : "; the rules: "
                    + input.strip().replace('\n', ';')) + "; Berth's agent needs root and iptables to keep units"
                    + " apart (or set BERTH_AGENT_FIREWALL=false to run units without these rules)");
        }
    }

    /** A firewall rule that could not be set: the unit must not run without it. */
    public static class FirewallException extends RuntimeException {
        public FirewallException(String message) {
            super(message);
        }
    }
}
