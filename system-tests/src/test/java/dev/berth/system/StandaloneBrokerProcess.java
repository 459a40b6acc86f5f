package dev.berth.system;

import dev.berth.protocol.Messages;
import dev.berth.testsupport.FreePorts;
import dev.berth.testsupport.Poll;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@link StandaloneBroker} in a JVM of its own, on a port of its own on 127.0.0.1, with its journal and accounts in a
 * directory: started, stopped (SIGTERM, as an operator restarts a broker), killed and started again with what its
 * journal holds. The accounts are made here: the manager's and one per host named at the start.
 */
final class StandaloneBrokerProcess implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(60);

    private final Path dir;
    private final int port = FreePorts.next();
    private final String managerPassword = "mgr-" + UUID.randomUUID();
    private final Map<String, String> agentPasswords;
    private final File log;
    private Process process;

    /** Makes the broker's directory and accounts (for the manager and each host's agent); does not start it yet. */
    StandaloneBrokerProcess(Path dir, File log, String... hosts) throws IOException {
        this.dir = dir;
        this.log = log;
        Properties accounts = new Properties();
        accounts.setProperty("manager", managerPassword);
        HashMap<String, String> agents = new HashMap<>();
        for (String host : hosts) {
            String password = "agent-" + UUID.randomUUID();
            agents.put(host, password);
            accounts.setProperty(Messages.agentUser(host), password);
        }
        this.agentPasswords = Map.copyOf(agents);
        Files.createDirectories(dir);
        Path file = dir.resolve(StandaloneBroker.ACCOUNTS);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            accounts.store(out, "standalone broker accounts");
        }
    }

    /** Starts the broker's JVM; returns once its port accepts connections. */
    synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the standalone broker already runs");
        }
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classPath, StandaloneBroker.class.getName(), dir.toString(),
                String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        Poll.until(START_DEADLINE, "the standalone broker to listen on " + port + " (log: " + log + ")", () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the standalone broker exited with " + process.exitValue()
                        + "; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /** Stops the broker as an operator does (SIGTERM: it shuts down cleanly); returns once it is gone. */
    synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    int port() {
        return port;
    }

    /** The connection for Berth's {@code BERTH_BROKER_CONNECTION}. */
    String connection() {
        return "host=127.0.0.1;port=" + port;
    }

    String managerPassword() {
        return managerPassword;
    }

    String agentPassword(String host) {
        return agentPasswords.get(host);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
