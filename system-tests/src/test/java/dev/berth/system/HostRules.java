package dev.berth.system;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * What an agent leaves on the machine for a host besides containers, removed when a test run ends: the users' unit
 * networks, the firewall chains (named after the host's tag, so another run's stay untouched) and the homes' mounted
 * file systems.
 */
final class HostRules {

    private HostRules() {
    }

    /** Unmounts the homes' file systems under a test run's data directory, deepest first. */
    static void unmountHomes(Path dataDir) {
        try {
            List<String> mounts = Files.readAllLines(Path.of("/proc/mounts")).stream().map(l -> l.split(" ")[1])
                    .filter(m -> m.startsWith(dataDir + "/")).sorted(Comparator.reverseOrder()).toList();
            for (String mount : mounts) {
                new ProcessBuilder("umount", "-l", mount).inheritIO().start().waitFor();
            }
        } catch (IOException e) {
            // nothing mounted, or no way to tell: nothing to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void removeNetworksAndRules(DockerClient docker, String host) {
        for (Network network : docker.listNetworksCmd().withFilter("label", List.of("berth.host=" + host)).exec()) {
            try {
                docker.removeNetworkCmd(network.getId()).exec();
            } catch (RuntimeException e) {
                // a container of another run still uses it: left for that run
            }
        }
        String prefix = "BERTH-" + tag(host) + "-";
        List<String> rules = iptables("-S");
        for (String rule : rules) {
            // the jumps into this host's chains from the built-in and Docker's chains
            String[] parts = rule.split(" ");
            if (parts.length == 4 && parts[0].equals("-A") && !parts[1].startsWith(prefix)
                    && parts[3].startsWith(prefix)) {
                iptables("-D", parts[1], "-j", parts[3]);
            }
        }
        List<String> chains = rules.stream().filter(r -> r.startsWith("-N " + prefix)).map(r -> r.substring(3))
                .toList();
        chains.forEach(chain -> iptables("-F", chain));
        chains.forEach(chain -> iptables("-X", chain));
    }

    private static String tag(String host) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(host.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> iptables(String... args) {
        List<String> command = new ArrayList<>(List.of("iptables", "-w", "10"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return output.lines().toList();
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
