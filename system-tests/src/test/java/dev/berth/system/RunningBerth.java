package dev.berth.system;

import static org.junit.jupiter.api.extension.ExtensionContext.Namespace.GLOBAL;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.berth.agent.isolation.control.HostTraces;
import dev.berth.protocol.Messages;
import dev.berth.testsupport.Api;
import dev.berth.testsupport.BerthProcess;
import dev.berth.testsupport.Dockers;
import dev.berth.testsupport.FreePorts;
import dev.berth.testsupport.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts Berth once for the whole test JVM, with {@code ./berth run} as a user would, and stops it at the end;
 * before it, the LDAP directory it checks logins against ({@link Directory}). Tests get it as a parameter. Its agent's host is {@link #HOST}; every container it made is removed by label at
 * the end.
 */
public final class RunningBerth implements BeforeAllCallback, ParameterResolver,
        ExtensionContext.Store.CloseableResource {

    public static final String HOST = "it-" + UUID.randomUUID().toString().substring(0, 8);
    /** The agent beats every second and a host is OFFLINE after 4 s of silence, so tests need not wait long. */
    static final int OFFLINE_AFTER_SECONDS = 4;
    /** The agent samples its running units every 2 s, so that tests see several rounds soon. */
    static final int STATS_SECONDS = 2;
    /** Few, so that a test can reach the limit and see a follower's place freed. */
    static final int MAX_LOG_FOLLOWERS = 2;
    /**
     * Login throttle of the booted Berth: small, so that tests see it act. The 3rd failure of a name within a minute
     * makes the next attempt wait 1 s, the 4th locks the name for {@link #LOGIN_LOCK_SECONDS}.
     */
    static final int LOGIN_SLOW_AFTER = 3;
    static final int LOGIN_LOCK_AFTER = 4;
    static final int LOGIN_LOCK_SECONDS = 6;
    /** Not the defaults (30 min, 90 days), so that tests see the settings reach the sessions and the tokens. */
    static final int CONSOLE_IDLE_MINUTES = 45;
    static final int TOKEN_MAX_DAYS = 30;
    /** The periodic check of directory users: often, so that a test sees a removed user's logins end soon. */
    static final int LDAP_CHECK_SECONDS = 2;
    private static final Duration BOOT_DEADLINE = Duration.ofMinutes(4);

    private BerthProcess berth;
    private Directory directory;
    private int httpsPort;
    private Path httpsKeystore;
    private final String httpsKeystorePassword = "ks-" + UUID.randomUUID();
    private DockerClient docker;
    private Throwable failure;

    private boolean up;
    private long startupLogLength;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        launched(context).awaitUp();
    }

    /**
     * This JVM's Berth, its process started but perhaps not up yet: fixtures that need its data dir and ports (the
     * second host of {@link SecondHost}) start their own processes while it boots, then call {@link #awaitUp()}.
     */
    static synchronized RunningBerth launched(ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(GLOBAL);
        RunningBerth running = store.get(RunningBerth.class, RunningBerth.class);
        if (running == null) {
            running = new RunningBerth();
            // stored before it starts, so that the store closes it even when start-up fails
            store.put(RunningBerth.class, running);
            running.start(running::launch);
            if (SecondHostInPlan.planned()) {
                try {
                    SecondHost.launched(context);
                } catch (RuntimeException | Error e) {
                    // kept by SecondHost and thrown to the tests that use it; the others go on
                }
            }
        }
        return running;
    }

    /** Waits until Berth answers and its agent is ONLINE; throws if it did not start. */
    synchronized void awaitUp() {
        if (failure == null && !up) {
            start(this::awaitAgent);
            up = true;
        }
        if (failure != null) {
            throw new IllegalStateException("Berth did not start (see the first failing test)", failure);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningBerth.class;
    }

    /** This JVM's Berth, up; started here when a test instance is made before any beforeAll (PER_CLASS tests). */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RunningBerth running = launched(context);
        running.awaitUp();
        return running;
    }

    private void start(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        }
    }

    private void launch() {
        try {
            Path dataDir = Files.createTempDirectory("berth-it-");
            Map<String, String> env = new HashMap<>();
            // units publish on 127.0.0.1 only: the second host of SecondHost publishes the same ports on 127.0.0.2
            env.put("BERTH_AGENT_BIND_ADDRESS", "127.0.0.1");
            env.put("BERTH_AGENT_HEARTBEAT_SECONDS", "1");
            env.put("BERTH_AGENT_STATS_SECONDS", String.valueOf(STATS_SECONDS));
            env.put("BERTH_HOST_OFFLINE_AFTER_SECONDS", String.valueOf(OFFLINE_AFTER_SECONDS));
            env.put("BERTH_AGENT_MAX_LOG_FOLLOWERS", String.valueOf(MAX_LOG_FOLLOWERS));
            env.put("BERTH_LOGIN_SLOW_AFTER", String.valueOf(LOGIN_SLOW_AFTER));
            env.put("BERTH_LOGIN_SLOW_SECONDS", "1");
            env.put("BERTH_LOGIN_LOCK_AFTER", String.valueOf(LOGIN_LOCK_AFTER));
            env.put("BERTH_LOGIN_LOCK_SECONDS", String.valueOf(LOGIN_LOCK_SECONDS));
            env.put("BERTH_LOGIN_WINDOW_SECONDS", "60");
            env.put("BERTH_CONSOLE_IDLE_MINUTES", String.valueOf(CONSOLE_IDLE_MINUTES));
            env.put("BERTH_TOKEN_MAX_DAYS", String.valueOf(TOKEN_MAX_DAYS));
            // the database answers a second process too (H2's automatic server): a test may seed it (ManyUsersIT)
            env.put("BERTH_DB_URL", databaseUrl(dataDir));
            // the API over HTTPS too, with a key made for this run (for 127.0.0.1, as clients here name it)
            httpsPort = freePort();
            httpsKeystore = dataDir.resolveSibling(dataDir.getFileName() + "-https.p12");
            ProcessBuilder keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "berth", "-keyalg", "EC",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", httpsKeystore.toString(), "-storepass:env", "KEYSTORE_PASSWORD")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            keytool.environment().put("KEYSTORE_PASSWORD", httpsKeystorePassword);
            if (keytool.start().waitFor() != 0) {
                throw new IOException("keytool could not make " + httpsKeystore);
            }
            env.put("BERTH_HTTPS_PORT", String.valueOf(httpsPort));
            env.put("BERTH_HTTPS_KEYSTORE", httpsKeystore.toString());
            env.put("BERTH_HTTPS_KEYSTORE_PASSWORD", httpsKeystorePassword);
            // the LDAP directory, before Berth: names that are no local user's are checked against it
            directory = Directory.start();
            env.putAll(directory.environment());
            env.put("BERTH_LDAP_CHECK_SECONDS", String.valueOf(LDAP_CHECK_SECONDS));
            berth = BerthProcess.launch(root(), HOST, dataDir, logFile(), env);
            docker = Dockers.local();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the HTTPS key", e);
        }
    }

    private void awaitAgent() {
        // a monitoring system asks from the first second on: nothing it asks may start one of Berth's start-up beans
        // out of their order, or make the start log a warning (QuietStartIT)
        Api anonymous = new Api(berth.url(), null, null);
        ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "boot-monitor");
            thread.setDaemon(true);
            return thread;
        });
        monitor.scheduleWithFixedDelay(() -> {
            for (String path : List.of("/health", "/health/live", "/metrics")) {
                try {
                    anonymous.get(path);
                } catch (UncheckedIOException notListening) {
                    // not yet
                }
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
        try {
            berth.awaitReady(BOOT_DEADLINE);
        } finally {
            monitor.shutdownNow();
        }
        try {
            startupLogLength = Files.size(berth.serverLog());
        } catch (IOException e) {
            throw new UncheckedIOException("Berth is up but wrote no server log in " + berth.serverLog().getParent(), e);
        }
    }

    /** Ports for Berth and for units, free now and not handed out twice in this JVM. */
    public static int freePort() {
        return FreePorts.next();
    }

    public Api admin() {
        return berth.admin();
    }

    public Api as(String user, String password) {
        return berth.as(user, password);
    }

    /** The API logged in with an API token ({@code Authorization: Bearer}). */
    public Api withToken(String token) {
        return Api.withToken(berth.apiBase(), token);
    }

    /** The REST API's base URL, for tests that need a client of their own (streams). */
    public String apiBase() {
        return berth.apiBase();
    }

    /**
     * What the Berth process has logged so far (manager and agent): the launcher's lines, then its server log, every
     * rotated file of it, oldest first.
     */
    public String log() {
        StringBuilder log = new StringBuilder(read(logFile()));
        serverLogs().forEach(file -> log.append(read(file)));
        return log.toString();
    }

    /** What the launcher ({@code ./berth run}) printed: its own progress lines only. */
    public String launcherOutput() {
        return read(logFile());
    }

    /**
     * The start-up part of the server log: its records until the launcher saw Berth ready (the local agent ONLINE).
     */
    public String startupLog() {
        String current = read(berth.serverLog());
        return current.substring(0, (int) Math.min(current.length(), startupLogLength));
    }

    /** The files of the server log ({@code <data dir>/logs/manager.log.N}), oldest first. */
    private List<Path> serverLogs() {
        List<Path> files = new ArrayList<>();
        for (int generation = 9; generation >= 0; generation--) {
            Path file = berth.dataDir().resolve("logs/manager.log." + generation);
            if (Files.exists(file)) {
                files.add(file);
            }
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException notYet) {
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path logFile() {
        return Path.of(System.getProperty("berth.log", "target/berth-system-test.log"));
    }

    /** The LDAP directory this Berth checks logins against (users found by uid, groups by member). */
    Directory directory() {
        return directory;
    }

    /** The API without any login. */
    public Api anonymous() {
        return berth.anonymous();
    }

    public DockerClient docker() {
        return docker;
    }

    /**
     * A JMS connection to the embedded broker, logged in with one of Berth's own accounts: {@code manager}, or
     * {@code agent} for the local agent's ({@code agent-<HOST>}).
     */
    public Broker broker(String account) {
        String user = account.equals("agent") ? Messages.agentUser(HOST) : account;
        return broker(user, brokerPassword(account));
    }

    /** A JMS connection to the embedded broker with any account; throws when the broker refuses the login. */
    public Broker broker(String user, String password) {
        return new Broker(brokerUrl(), user, password);
    }

    /** The embedded broker's URL for a plain Artemis client. */
    public String brokerUrl() {
        return "tcp://127.0.0.1:" + berth.brokerPort();
    }

    /**
     * The generated password of a broker account ({@code manager}, or {@code agent}: the local agent's) from the
     * data dir's secrets.env; waits for the launcher to write it, which it does first thing.
     */
    public String brokerPassword(String account) {
        return secret("BERTH_BROKER_" + account.toUpperCase() + "_PASSWORD");
    }

    /** The admin's password (as given to the first start). */
    public String adminPassword() {
        return berth.adminPassword();
    }

    /** The launcher's root directory, where {@code ./berth} is. */
    public static Path root() {
        try {
            return Path.of(System.getProperty("berth.root", "..")).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A generated secret from the data dir's secrets.env, e.g. {@code BERTH_DB_PASSWORD}. */
    public String secret(String key) {
        String[] password = new String[1];
        Path dataDir = berth.dataDir();
        Poll.until(Duration.ofSeconds(30), key + " in " + dataDir.resolve("secrets.env"), () -> {
            Properties secrets = new Properties();
            try (var in = Files.newInputStream(dataDir.resolve("secrets.env"))) {
                secrets.load(in);
            } catch (java.nio.file.NoSuchFileException notYet) {
                return false;
            }
            password[0] = secrets.getProperty(key);
            return password[0] != null && !password[0].isEmpty();
        });
        return password[0];
    }

    /** The manager's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return berth.url();
    }

    /** The manager's HTTP port (on every interface). */
    public int httpPort() {
        return berth.httpPort();
    }

    /** The manager's HTTPS port, and the PKCS12 key store whose certificate it presents (password below). */
    public int httpsPort() {
        return httpsPort;
    }

    public Path httpsKeystore() {
        return httpsKeystore;
    }

    public String httpsKeystorePassword() {
        return httpsKeystorePassword;
    }

    /** The port of the embedded broker on 127.0.0.1. */
    public int brokerPort() {
        return berth.brokerPort();
    }

    public Path dataDir() {
        return berth.dataDir();
    }

    private static String databaseUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("berth") + ";AUTO_SERVER=TRUE";
    }

    /**
     * A connection to the running Berth's own database, through H2's automatic server, for a test that needs more
     * rows than the API makes in reasonable time. What it writes bypasses every rule and audit of the manager.
     */
    public Connection database() throws SQLException {
        return DriverManager.getConnection(databaseUrl(berth.dataDir()), "berth", secret("BERTH_DB_PASSWORD"));
    }

    /** Containers of a unit on this test run's host. */
    public List<Container> containersOf(long unitId) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("berth.unit", String.valueOf(unitId), "berth.host", HOST)).exec();
    }

    /** Called by JUnit when the root context closes: after the last test class of this JVM. */
    @Override
    public void close() throws Exception {
        if (berth != null) {
            berth.close();
            // the server log, whole, beside the launcher's lines in target/ (the data dir is a temporary one)
            Path copy = Path.of(logFile().toString().replaceFirst("\\.log$", "") + "-server.log");
            Files.deleteIfExists(copy);
            for (Path file : serverLogs()) {
                Files.write(copy, Files.readAllBytes(file), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
        if (directory != null) {
            directory.close();
        }
        if (docker != null) {
            Dockers.removeLabelled(docker, Map.of("berth.host", HOST));
            if (berth != null) {
                HostTraces.remove(docker, HOST, berth.dataDir());
            }
            docker.close();
        }
    }
}
