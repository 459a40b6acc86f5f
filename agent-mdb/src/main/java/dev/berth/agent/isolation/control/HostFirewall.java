package dev.berth.agent.isolation.control;

import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.protocol.Cidr;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The host's firewall rules (iptables) around this agent's units, in chains of its own so that several agents on one
 * machine (several engines acting as hosts) never touch each other's rules:
 * <ul>
 * <li>{@code BERTH-<tag>-IN}, jumped to from {@code INPUT}: a unit's published port is reached through docker-proxy
 * on the host, so a new connection to it is checked here against the unit's chain; every other new connection from
 * a unit network to the host (Berth's HTTP port, the broker, ssh, ...) is rejected.</li>
 * <li>{@code BERTH-<tag>-FWD}, jumped to from {@code DOCKER-USER} (or {@code FORWARD} on an engine without it):
 * a connection forwarded to a unit (DNAT from another machine, or another container) is checked against the unit's
 * chain; traffic between two different users' networks is dropped.</li>
 * <li>{@code BERTH-<tag>-<port>}, one per running unit: accepts the user's own network and the user's allowed client
 * networks, rejects everything else.</li>
 * </ul>
 * Processes on the host itself reach units directly (the agent's readiness check does); the host is trusted.
 */
@ApplicationScoped
public class HostFirewall {

    private static final Logger LOG = Logger.getLogger(HostFirewall.class.getName());
    private static final long TIMEOUT_SECONDS = 20;

    @Inject
    AgentConfiguration config;

    private volatile boolean chainsReady;

    /** Whether this agent manages firewall rules at all ({@code berth.agent.firewall}). */
    public boolean enabled() {
        return config.firewall();
    }

    /**
     * Puts up the rules for one unit: its port reached only from the user's own network and the allowed networks.
     *
     * @throws FirewallException saying which rule could not be set
     */
    public synchronized void allow(int port, String userBridge, List<String> allowedClients) {
        if (!enabled()) {
            return;
        }
        ensureChains();
        String unitChain = unitChain(port);
        remove(port);
        run("-N", unitChain);
        run("-A", unitChain, "-i", userBridge, "-j", "ACCEPT");
        for (String network : allowedClients) {
            run("-A", unitChain, "-s", Cidr.parse(network).toString(), "-j", "ACCEPT");
        }
        run("-A", unitChain, "-p", "tcp", "-j", "REJECT", "--reject-with", "tcp-reset");
        run("-A", unitChain, "-j", "REJECT");
        run(insert(inChain(), inRule(port, unitChain)));
        run(insert(fwdChain(), fwdRule(port, userBridge, unitChain)));
    }

    /** Takes a unit's rules down; nothing to take down is fine. */
    public synchronized void remove(int port) {
        if (!enabled()) {
            return;
        }
        String unitChain = unitChain(port);
        if (!exists("-S", unitChain)) {
            return;
        }
        // the jumps to the unit's chain go first, whatever bridge they name
        for (String chain : List.of(inChain(), fwdChain())) {
            for (String rule : rulesOf(chain)) {
                if (rule.endsWith("-j " + unitChain)) {
                    List<String> delete = new ArrayList<>(List.of("-D", chain));
                    delete.addAll(List.of(rule.substring(("-A " + chain + " ").length()).split(" ")));
                    run(delete.toArray(String[]::new));
                }
            }
        }
        run("-F", unitChain);
        run("-X", unitChain);
    }

    /**
     * Keeps a user's network apart from other users' networks, and lets its own units reach each other.
     *
     * @throws FirewallException saying which rule could not be set
     */
    public synchronized void admitNetwork(String userBridge) {
        if (!enabled()) {
            return;
        }
        ensureChains();
        String[] own = {fwdChain(), "-i", userBridge, "-o", userBridge, "-j", "RETURN"};
        if (!exists(prepend("-C", own))) {
            run(prepend("-I", own));
        }
    }

    /** Forgets a user's network. */
    public synchronized void forgetNetwork(String userBridge) {
        if (!enabled()) {
            return;
        }
        String[] own = {fwdChain(), "-i", userBridge, "-o", userBridge, "-j", "RETURN"};
        while (exists(prepend("-C", own))) {
            run(prepend("-D", own));
        }
    }

    /** The bridge-name prefix of this agent's unit networks, also used as the wildcard in its rules. */
    public String bridgePrefix() {
        return "b" + config.tag();
    }

    private void ensureChains() {
        if (chainsReady && exists("-C", "INPUT", "-j", inChain())) {
            return;
        }
        for (String chain : List.of(inChain(), fwdChain())) {
            if (!exists("-S", chain)) {
                run("-N", chain);
            }
        }
        String wildcard = bridgePrefix() + "+";
        String[] noNewToHost = {inChain(), "-i", wildcard, "-m", "conntrack", "--ctstate", "NEW", "-j", "REJECT"};
        if (!exists(prepend("-C", noNewToHost))) {
            run(prepend("-A", noNewToHost));
        }
        String[] noCrossUser = {fwdChain(), "-i", wildcard, "-o", wildcard, "-j", "DROP"};
        if (!exists(prepend("-C", noCrossUser))) {
            run(prepend("-A", noCrossUser));
        }
        if (!exists("-C", "INPUT", "-j", inChain())) {
            run("-I", "INPUT", "1", "-j", inChain());
        }
        String forward = exists("-S", "DOCKER-USER") ? "DOCKER-USER" : "FORWARD";
        if (!exists("-C", forward, "-j", fwdChain())) {
            run("-I", forward, "1", "-j", fwdChain());
        }
        chainsReady = true;
    }

    private String[] inRule(int port, String unitChain) {
        List<String> rule = new ArrayList<>(List.of("-p", "tcp", "--dport", String.valueOf(port)));
        String bind = config.bindAddress();
        if (!config.bindsEverywhere()) {
            rule.addAll(List.of("-d", bind));
        }
        rule.addAll(List.of("-m", "conntrack", "--ctstate", "NEW", "-j", unitChain));
        return rule.toArray(String[]::new);
    }

    private static String[] fwdRule(int port, String userBridge, String unitChain) {
        return new String[] {"-o", userBridge, "-p", "tcp", "--dport", String.valueOf(port), "-m", "conntrack",
                "--ctstate", "NEW", "-j", unitChain};
    }

    private static String[] insert(String chain, String[] rule) {
        String[] all = new String[rule.length + 3];
        all[0] = "-I";
        all[1] = chain;
        all[2] = "1";
        System.arraycopy(rule, 0, all, 3, rule.length);
        return all;
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
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

    private List<String> rulesOf(String chain) {
        return List.of(call(List.of("-S", chain)).output.split("\n")).stream().filter(l -> l.startsWith("-A "))
                .toList();
    }

    private boolean exists(String... args) {
        return call(List.of(args)).exit == 0;
    }

    private void run(String... args) {
        Call call = call(List.of(args));
        if (call.exit != 0) {
            throw new FirewallException("iptables " + String.join(" ", args) + " failed (" + call.exit + "): "
                    + call.output.strip() + "; Berth's agent needs root and iptables to keep units apart (or set"
                    + " BERTH_AGENT_FIREWALL=false to run units without these rules)");
        }
    }

    private record Call(int exit, String output) {
    }

    private Call call(List<String> args) {
        List<String> command = new ArrayList<>(List.of("iptables", "-w", "10"));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Call(-1, "no answer within " + TIMEOUT_SECONDS + " s");
            }
            return new Call(process.exitValue(), output);
        } catch (IOException e) {
            LOG.fine(() -> "iptables could not run: " + e);
            return new Call(-1, "iptables could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Call(-1, "interrupted");
        }
    }

    /** A firewall rule that could not be set: the unit must not run without it. */
    public static class FirewallException extends RuntimeException {
        public FirewallException(String message) {
            super(message);
        }
    }
}
