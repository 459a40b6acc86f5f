package dev.berth.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Berth started as a user starts it, {@code <root>/berth run}, with its own data directory, ports, agent host and
 * admin password, and stopped again by {@link #close()}.
 */
final class RunningBerth implements AutoCloseable {

    private static final Duration BOOT_DEADLINE = Duration.ofMinutes(4);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String host = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    private final String adminPassword = "admin-" + UUID.randomUUID();
    private final Path dataDir;
    private final Path log;
    private final int httpPort;
    private final int brokerPort;
    private final Process process;
    private boolean closed;

    private RunningBerth(Path root, Path dataDir, Path log) throws IOException {
        this.dataDir = dataDir;
        this.log = log;
        this.httpPort = FreePorts.next();
        this.brokerPort = FreePorts.next();
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(root.resolve("berth").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("BERTH_DATA_DIR", dataDir.toString());
        env.put("BERTH_HTTP_PORT", String.valueOf(httpPort));
        env.put("BERTH_BROKER_PORT", String.valueOf(brokerPort));
        env.put("BERTH_AGENT_HOST", host);
        env.put("BERTH_ADMIN_PASSWORD", adminPassword);
        this.process = builder.start();
    }

    /** Starts Berth and returns once its agent reports its host ONLINE; stops it again if that does not happen. */
    static RunningBerth boot(Path root, Path dataDir, Path log) throws IOException {
        RunningBerth berth = new RunningBerth(root, dataDir, log);
        try {
            berth.awaitOnline();
            return berth;
        } catch (RuntimeException | Error e) {
            berth.close();
            throw e;
        }
    }

    private void awaitOnline() {
        Rest admin = admin();
        long end = System.nanoTime() + BOOT_DEADLINE.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Berth exited with " + process.exitValue() + " during start-up; see "
                        + log);
            }
            try {
                Rest.Reply reply = admin.get("/hosts/" + host);
                if (reply.status() == 200 && "ONLINE".equals(reply.json().getString("state", null))) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() - end > 0) {
                throw new IllegalStateException("Berth did not report host " + host + " ONLINE within "
                        + BOOT_DEADLINE.toMinutes() + " min; see " + log);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    /** The agent's host name, also the {@code berth.host} label of every container it makes. */
    String host() {
        return host;
    }

    Path dataDir() {
        return dataDir;
    }

    int brokerPort() {
        return brokerPort;
    }

    /** The manager's base URL, e.g. {@code http://127.0.0.1:8080}. */
    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    Rest admin() {
        return new Rest("http://127.0.0.1:" + httpPort + "/api", "admin", adminPassword);
    }

    /** The JVM that runs Payara Micro: the java child of the launcher script. */
    Optional<ProcessHandle> jvm() {
        return javaOf(process);
    }

    /** The java process among a launcher's descendants. */
    static Optional<ProcessHandle> javaOf(Process launcher) {
        return launcher.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java") || c.equals("java")).orElse(false))
                .findFirst();
    }

    /** Resident set size of Berth's JVM, in KiB, from {@code /proc/<pid>/status}: {@code VmRSS}, or {@code VmHWM}. */
    OptionalLong memoryKib(String field) {
        Optional<ProcessHandle> jvm = jvm();
        return jvm.isEmpty() ? OptionalLong.empty() : memoryKib(jvm.get().pid(), field);
    }

    /** A field of {@code /proc/<pid>/status} in KiB ({@code VmRSS}, {@code VmHWM}). */
    static OptionalLong memoryKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return OptionalLong.of(Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // not Linux, or the process is gone
        }
        return OptionalLong.empty();
    }

    /** SIGTERM to the launcher, which stops the JVM; after {@link #STOP_GRACE}, forcibly. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop(process);
    }

    /** SIGTERM to a launcher, which stops its JVM; after {@link #STOP_GRACE}, forcibly. */
    static void stop(Process launcher) {
        launcher.destroy();
        try {
            if (!launcher.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
                launcher.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the launcher, and so Berth, is still up. */
    boolean alive() {
        return process.isAlive();
    }
}
