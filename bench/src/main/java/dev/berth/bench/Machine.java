package dev.berth.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** What the run measured on: CPU, cores, memory, kernel, cgroup version, Docker, Java, the load when it began. */
record Machine(String cpu, int cores, double memoryGib, String kernel, String cgroup, String docker, String java,
               String load) {

    static Machine describe(DockerClient client) {
        Version version = client.versionCmd().exec();
        Info info = client.infoCmd().exec();
        String cpu = read("/proc/cpuinfo").lines().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        double memory = read("/proc/meminfo").lines().filter(l -> l.startsWith("MemTotal:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0) / (1024.0 * 1024);
        String cgroup = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "v2 (unified)" : "v1";
        String docker = String.format(Locale.ROOT, "%s (API %s, %s, %d CPUs seen)", version.getVersion(),
                version.getApiVersion(), info.getDriver(), info.getNCPU());
        String load = read("/proc/loadavg").trim();
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("os.name") + " " + System.getProperty("os.version"), cgroup, docker,
                System.getProperty("java.vendor") + " " + System.getProperty("java.version"),
                load.isEmpty() ? "unknown" : String.join(" ", Arrays.copyOf(load.split(" "), 3)));
    }

    String markdown() {
        return String.format(Locale.ROOT, """
                | | |
                |---|---|
                | CPU | %s |
                | cores | %d |
                | memory | %.1f GiB |
                | kernel | %s |
                | cgroup | %s |
                | Docker | %s |
                | Java (benchmark) | %s |
                | load average at the start (1, 5, 15 min) | %s |
                """, cpu, cores, memoryGib, kernel, cgroup, docker, java, load);
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
