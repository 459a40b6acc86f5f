package dev.berth.agent.isolation.control;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import dev.berth.agent.platform.AgentConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What an agent leaves on a machine for its host besides containers: its users' networks, its firewall chains (named
 * after the host's tag, so another host's stay untouched) and the homes' mounted file systems. Units keep running when
 * Berth stops, so the agent never removes these itself; a host that is given up for good (a test run's, a
 * benchmark's) is cleared with {@link #remove}.
 */
public final class HostTraces {

    private HostTraces() {
    }

    /**
     * Removes the host's networks (those no container uses any more), its firewall chains, and unmounts the homes'
     * file systems below {@code dataDir}. Call it after the host's containers are gone.
     */
    public static void remove(DockerClient docker, String host, Path dataDir) {
        for (Network network : docker.listNetworksCmd().withFilter("label", List.of("berth.host=" + host)).exec()) {
            try {
                docker.removeNetworkCmd(network.getId()).exec();
            } catch (RuntimeException e) {
                // a container still uses it: it stays with that container
            }
        }
        removeChains("BERTH-" + AgentConfiguration.tagOf(host) + "-");
        unmountBelow(dataDir);
    }

    private static void removeChains(String prefix) {
        List<String> rules = runWith(null, "iptables-save", "-t", "filter");
        List<String> batch = new ArrayList<>();
        for (String rule : rules) {
            // the jumps into the host's chains from the built-in and Docker's chains
            String[] parts = rule.split(" ");
            if (parts.length == 4 && parts[0].equals("-A") && !parts[1].startsWith(prefix)
                    && parts[3].startsWith(prefix)) {
                batch.add("-D " + parts[1] + " -j " + parts[3]);
            }
        }
        List<String> chains = rules.stream().filter(r -> r.startsWith(":" + prefix)).map(r -> r.substring(1,
                r.indexOf(' '))).toList();
        chains.forEach(chain -> batch.add("-F " + chain));
        chains.forEach(chain -> batch.add("-X " + chain));
        if (!batch.isEmpty()) {
            runWith("*filter\n" + String.join("\n", batch) + "\nCOMMIT\n", "iptables-restore", "-w", "10",
                    "--noflush");
        }
    }

    private static void unmountBelow(Path dataDir) {
        try {
            for (String mount : Files.readAllLines(Path.of("/proc/mounts")).stream().map(l -> l.split(" ")[1])
                    .filter(m -> m.startsWith(dataDir.toAbsolutePath() + "/")).sorted(Comparator.reverseOrder())
                    .toList()) {
                runWith(null, "umount", "-l", mount);
            }
        } catch (IOException e) {
            // no mount table to read: nothing Berth mounted either
        }
    }

    /** What the command printed, a line each; nothing when it failed (there is nothing to clear then). */
    private static List<String> runWith(String input, String... command) {
        try {
            return HostCommand.run(input, command).lines().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
