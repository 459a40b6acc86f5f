package dev.berth.system;

import static org.junit.jupiter.api.extension.ExtensionContext.Namespace.GLOBAL;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.berth.agent.isolation.control.HostTraces;
import dev.berth.testsupport.AgentProcess;
import dev.berth.testsupport.Dockers;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Scenario 2's second host, once per test JVM: a Docker engine of its own ({@code scripts/engine}) and an agent-only
 * Berth process on it ({@code ./berth agent}) joined to {@link RunningBerth}'s broker with the host's own account:
 * the host is enrolled through the API once Berth is up, and its agent reads the password from a file
 * ({@code BERTH_BROKER_AGENT_PASSWORD_FILE}). Its units publish on {@link #ADDRESS}, so they may use the ports that
 * host 1's units use on 127.0.0.1. Its engine starts while Berth boots (see {@link SecondHostInPlan}); at the end
 * its containers go, the agent stops and the engine is removed with its directories. Register it before
 * {@link RunningBerth}: {@code @ExtendWith({SecondHost.class, RunningBerth.class})}.
 * Needs root, as {@code scripts/engine} does.
 */
public final class SecondHost implements BeforeAllCallback, ParameterResolver,
        ExtensionContext.Store.CloseableResource {

    public static final String HOST = "it2-" + UUID.randomUUID().toString().substring(0, 8);
    /** The loopback address of its own that this host's units publish on and are reached under. */
    public static final String ADDRESS = "127.0.0.2";
    private static final Duration ENGINE_DEADLINE = Duration.ofMinutes(2);
    private static final Duration BOOT_DEADLINE = Duration.ofMinutes(4);

    private Path root;
    private Path dataDir;
    private AgentProcess agent;
    private DockerClient docker;
    private Throwable failure;
    private boolean up;

    @Override
    public void beforeAll(ExtensionContext context) {
        launched(context).awaitUp(RunningBerth.launched(context));
    }

    /** This JVM's second host, its engine up and its agent started; Berth is launched first if it is not yet. */
    static synchronized SecondHost launched(ExtensionContext context) {
        RunningBerth berth = RunningBerth.launched(context);
        ExtensionContext.Store store = context.getRoot().getStore(GLOBAL);
        SecondHost host = store.get(SecondHost.class, SecondHost.class);
        if (host == null) {
            host = new SecondHost();
            // stored after Berth, so closed before it (the store closes in reverse order); stored before it
            // starts, so that its engine is removed even when start-up fails
            store.put(SecondHost.class, host);
            SecondHost starting = host;
            starting.start(() -> starting.launch(berth));
        }
        return host;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SecondHost.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(GLOBAL).get(SecondHost.class, SecondHost.class);
    }

    private void start(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        }
    }

    /** Starts the engine while Berth boots; the agent follows once Berth can enroll the host. */
    private void launch(RunningBerth berth) {
        try {
            root = Path.of(System.getProperty("berth.root", "..")).toRealPath();
            Process engine = new ProcessBuilder(root.resolve("scripts/engine").toString(), HOST)
                    .redirectErrorStream(true).redirectOutput(log("engine")).start();
            dataDir = Files.createTempDirectory("berth-it2-");
            if (!engine.waitFor(ENGINE_DEADLINE.toSeconds(), TimeUnit.SECONDS) || engine.exitValue() != 0) {
                engine.destroy();
                throw new IllegalStateException("the second engine did not start; see " + log("engine"));
            }
            docker = dockerClient(dockerHost());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Enrolls the host through the API and starts its agent with the password in a file of its own. */
    private void startAgent(RunningBerth berth) {
        try {
            AgentProcess.Enrollment enrollment = AgentProcess.enroll(berth.admin(), HOST, dataDir);
            agent = AgentProcess.launch(root, enrollment, dataDir, berth.brokerPort(), berth.url(),
                    log("agent").toPath(), Map.of(
                            "BERTH_AGENT_ADDRESS", ADDRESS,
                            "BERTH_AGENT_BIND_ADDRESS", ADDRESS,
                            "BERTH_DOCKER_HOST", dockerHost(),
                            "BERTH_AGENT_HEARTBEAT_SECONDS", "1",
                            // its users' networks come from a range of its own: two engines on one machine must not
                            // share one
                            "BERTH_AGENT_UNIT_NETWORKS", "172.31.0.0/16"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until Berth is up and lists this host ONLINE with its engine's version; throws if it did not start. */
    synchronized void awaitUp(RunningBerth berth) {
        if (failure == null && !up) {
            start(() -> {
                berth.awaitUp();
                startAgent(berth);
                agent.awaitOnline(berth.admin(), BOOT_DEADLINE,
                        host -> host.get("dockerVersion") != null && !host.isNull("dockerVersion"));
            });
            up = true;
        }
        if (failure != null) {
            throw new IllegalStateException("the second host did not start (see the first failing test)", failure);
        }
    }

    /** The second engine, as its agent sees it. */
    public DockerClient docker() {
        return docker;
    }

    /** Containers of a unit on the second host's engine. */
    public List<Container> containersOf(long unitId) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("berth.unit", String.valueOf(unitId), "berth.host", HOST)).exec();
    }

    /** The engine's socket, where {@code scripts/engine} puts it. */
    static String dockerHost() {
        return "unix:///run/berth-engine-" + HOST + "/docker.sock";
    }

    static DockerClient dockerClient(String dockerHost) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost).withApiVersion("1.41").build();
        return DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).build());
    }

    private static File log(String what) {
        return new File(System.getProperty("berth.log", "target/berth-system-test.log")
                .replaceFirst("\\.log$", "") + "-second-host-" + what + ".log");
    }

    /** Called by JUnit when the root context closes, before Berth's own close. */
    @Override
    public void close() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (docker != null) {
            try {
                Dockers.removeLabelled(docker, Map.of("berth.host", HOST));
                HostTraces.remove(docker, HOST, dataDir);
            } finally {
                docker.close();
            }
        }
        if (root != null) {
            Process remove = new ProcessBuilder(root.resolve("scripts/engine").toString(), HOST, "remove")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log("engine")))
                    .start();
            if (!remove.waitFor(90, TimeUnit.SECONDS)) {
                remove.destroyForcibly();
            }
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
