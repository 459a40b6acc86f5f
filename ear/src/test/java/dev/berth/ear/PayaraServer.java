package dev.berth.ear;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One domain of a full Payara Server unpacked by the build, driven with {@code asadmin} as an operator would: created
 * with a port base whose ports are all free, started once with the environment the applications read their
 * configuration from, deployed to, stopped. Every asadmin call and its output go to {@code asadmin.log} beside the
 * domain; the server's own log is {@link #serverLog()}.
 */
final class PayaraServer {

    /** The offsets from the port base that create-domain hands out (admin 48, http 80, https 81, ...). */
    private static final int[] PORT_OFFSETS = {9, 37, 38, 39, 48, 66, 76, 80, 81, 86};
    private static final String DOMAIN = "berth";
    private static final long ASADMIN_TIMEOUT_MINUTES = 5;

    private final Path home;
    private final Path domains;
    private final Path log;
    private int portBase;

    PayaraServer(Path home, Path workDir) {
        this.home = home;
        this.domains = workDir.resolve("domains");
        this.log = workDir.resolve("asadmin.log");
    }

    /**
     * Creates the domain (admin without password, as on a developer's machine) on a port base that is free now; a
     * domain an earlier run left behind is stopped and removed first.
     */
    void create() {
        Path old = domains.resolve(DOMAIN);
        if (Files.isDirectory(old)) {
            try {
                asadmin(Map.of(), "stop-domain", "--domaindir", domains.toString(), DOMAIN);
            } catch (RuntimeException notRunning) {
                // the usual case: it was stopped
            }
            deleteTree(old);
        }
        for (int attempt = 0; attempt < 20; attempt++) {
            // below Linux's ephemeral range (32768-), where outgoing connections could take a port after the check
            int base = 20000 + 100 * ThreadLocalRandom.current().nextInt(120);
            if (allFree(base)) {
                portBase = base;
                asadmin(Map.of(), "--user", "admin", "create-domain", "--nopassword=true", "--checkports=true",
                        "--portbase", String.valueOf(base), "--domaindir", domains.toString(), DOMAIN);
                return;
            }
        }
        throw new IllegalStateException("no free port base for a Payara domain between 20000 and 32000");
    }

    /** Starts the domain; its server process inherits {@code environment} (where MicroProfile Config finds it). */
    void start(Map<String, String> environment) {
        asadmin(environment, "start-domain", "--domaindir", domains.toString(), DOMAIN);
    }

    void deploy(Path archive, String... options) {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(adminPort()), "deploy"));
        args.addAll(List.of(options));
        args.add(archive.toString());
        asadmin(Map.of(), args.toArray(String[]::new));
    }

    void undeploy(String name) {
        asadmin(Map.of(), "--port", String.valueOf(adminPort()), "undeploy", name);
    }

    /** Stops the domain; if asadmin cannot, ends the server process named by the domain's pid file. */
    void stop() {
        if (portBase == 0) {
            return;
        }
        try {
            asadmin(Map.of(), "stop-domain", "--domaindir", domains.toString(), DOMAIN);
        } catch (RuntimeException e) {
            Path pidFile = domains.resolve(DOMAIN).resolve("config/pid");
            try {
                long pid = Long.parseLong(Files.readString(pidFile).trim());
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            } catch (IOException | NumberFormatException gone) {
                // no pid file: the server did not start
            }
            throw e;
        }
    }

    /** The server process's resident memory now, from /proc (Linux), for the report; -1 if it cannot be read. */
    long rssMiB() {
        try {
            long pid = Long.parseLong(Files.readString(domains.resolve(DOMAIN).resolve("config/pid")).trim());
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException unreadable) {
            // not Linux, or the server is gone
        }
        return -1;
    }

    /** The server's HTTP root, e.g. {@code http://127.0.0.1:28080}. */
    String url() {
        return "http://127.0.0.1:" + httpPort();
    }

    int httpPort() {
        return portBase + 80;
    }

    int adminPort() {
        return portBase + 48;
    }

    Path serverLog() {
        return domains.resolve(DOMAIN).resolve("logs/server.log");
    }

    private void asadmin(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/asadmin").toString());
        command.add("--interactive=false");
        command.addAll(List.of(args));
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "$ asadmin " + String.join(" ", args) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(ASADMIN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("asadmin " + args[args.length - 1] + " did not end in "
                        + ASADMIN_TIMEOUT_MINUTES + " min; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("asadmin " + String.join(" ", args) + " failed (exit "
                        + process.exitValue() + "); see " + log + " and " + serverLog());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during asadmin " + String.join(" ", args), e);
        }
    }

    /** Removes a directory tree (best effort: what cannot be removed stays for {@code mvn clean}). */
    static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // left for mvn clean
        }
    }

    private static boolean allFree(int base) {
        for (int offset : PORT_OFFSETS) {
            try (ServerSocket socket = new ServerSocket(base + offset)) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
