package dev.berth.agent.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The agent's configuration, typed: who this agent is, where its host keeps things, and how it works; every
 * {@code berth.*} key the agent's Java code reads, each default written once (here, or for the keys the MDB's
 * annotations also read, in {@code META-INF/microprofile-config.properties}). The list: docs/configuration.md.
 */
@ApplicationScoped
public class AgentConfiguration {

    @Inject
    @ConfigProperty(name = "berth.agent.host")
    String host;

    @Inject
    @ConfigProperty(name = "berth.agent.address")
    String address;

    @Inject
    @ConfigProperty(name = "berth.agent.bind-address")
    String bindAddress;

    @Inject
    @ConfigProperty(name = "berth.data.dir")
    String dataDir;

    @Inject
    @ConfigProperty(name = "berth.agent.share-dir")
    Optional<String> shareDir;

    @Inject
    @ConfigProperty(name = "berth.agent.manager-url")
    Optional<String> managerUrl;

    @Inject
    @ConfigProperty(name = "berth.agent.firewall", defaultValue = "true")
    boolean firewall;

    @Inject
    @ConfigProperty(name = "berth.agent.unit-networks", defaultValue = "172.30.0.0/16")
    String unitNetworks;

    @Inject
    @ConfigProperty(name = "berth.agent.userns-uid-offset", defaultValue = "0")
    int usernsUidOffset;

    @Inject
    @ConfigProperty(name = "berth.agent.home-disks", defaultValue = "true")
    boolean homeDisks;

    @Inject
    @ConfigProperty(name = "berth.agent.disks-dir")
    Optional<String> disksDir;

    @Inject
    @ConfigProperty(name = "berth.docker.host", defaultValue = "unix:///var/run/docker.sock")
    String dockerHost;

    @Inject
    @ConfigProperty(name = "berth.agent.heartbeat-seconds", defaultValue = "10")
    int heartbeatSeconds;

    @Inject
    @ConfigProperty(name = "berth.agent.stats-seconds", defaultValue = "10")
    int statsSeconds;

    @Inject
    @ConfigProperty(name = "berth.agent.inventory-seconds", defaultValue = "30")
    int inventorySeconds;

    @Inject
    @ConfigProperty(name = "berth.agent.max-log-followers", defaultValue = "16")
    int maxLogFollowers;

    @Inject
    @ConfigProperty(name = "berth.agent.log-follow-idle-seconds", defaultValue = "15")
    int logFollowIdleSeconds;

    @Inject
    @ConfigProperty(name = "berth.broker.agent-password")
    String agentPassword;

    /**
     * What this agent proves itself with when it fetches an image tar ({@code DownloadProof}): its broker password,
     * which the manager checks against the host's account; sent only in that request's headers.
     */
    public String downloadKey() {
        return agentPassword;
    }

    /** The certificates an https manager URL is trusted by (PKCS12 or JKS); absent: the JVM's default ones. */
    @Inject
    @ConfigProperty(name = "berth.agent.manager-truststore")
    Optional<String> managerTrustStore;

    @Inject
    @ConfigProperty(name = "berth.agent.manager-truststore-password")
    Optional<String> managerTrustStorePassword;

    /** The Docker engine this agent drives. */
    public String dockerHost() {
        return dockerHost;
    }

    /** How often the agent announces itself. */
    public Duration heartbeat() {
        return Duration.ofSeconds(heartbeatSeconds);
    }

    /** How often the agent samples its running units' CPU and memory; zero: never. */
    public Duration stats() {
        return Duration.ofSeconds(Math.max(0, statsSeconds));
    }

    /** How often the agent reports every container of Berth's on its host (also at start and after an engine restart). */
    public Duration inventory() {
        return Duration.ofSeconds(Math.max(1, inventorySeconds));
    }

    /** Followed log streams at a time. */
    public int maxLogFollowers() {
        return maxLogFollowers;
    }

    /** How long a follower lives without the manager's "still reading". */
    public Duration logFollowIdle() {
        return Duration.ofSeconds(logFollowIdleSeconds);
    }

    /** The host name; this agent consumes {@code berth.agent.<host>}. */
    public String host() {
        return host;
    }

    /** The address under which this host's units are reached. */
    public String address() {
        return address;
    }

    /** The interface units' ports are published on. */
    public String bindAddress() {
        return bindAddress;
    }

    /** Whether units publish their ports on every interface of the host. */
    public boolean bindsEverywhere() {
        return switch (bindAddress) {
            case "0.0.0.0", "::", "[::]" -> true;
            default -> false;
        };
    }

    /** Whether this agent keeps units apart with host firewall rules ({@code BERTH_AGENT_FIREWALL}, default on). */
    public boolean firewall() {
        return firewall;
    }

    /**
     * The IPv4 range this agent carves its per-user unit networks from (one /27 per user); agents on one machine
     * (several engines) need ranges of their own.
     */
    public String unitNetworks() {
        return unitNetworks;
    }

    /**
     * What the engine adds to a container's uid on the host, with user-namespace remapping ({@code userns-remap}):
     * the start of the remap user's range in {@code /etc/subuid}; 0 without remapping.
     */
    public int usernsUidOffset() {
        return usernsUidOffset;
    }

    /** Four hex digits of the host name: tells this agent's chains and bridges from another agent's on one machine. */
    public String tag() {
        return tagOf(host);
    }

    /** The {@link #tag()} of a host. */
    public static String tagOf(String host) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(host.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether homes get file systems of their own, which hold their size limits ({@code BERTH_AGENT_HOME_DISKS}). */
    public boolean homeDisks() {
        return homeDisks;
    }

    /**
     * Where the homes' file system images are ({@code BERTH_AGENT_DISKS_DIR}, default {@code <data dir>/agent/disks});
     * another volume than the database's keeps even an overcommitted host's database safe.
     */
    public Path diskImagesDir() {
        return Path.of(disksDir.filter(d -> !d.isBlank()).orElse(Path.of(dataDir, "agent", "disks").toString()))
                .toAbsolutePath().normalize();
    }

    /** Where this agent keeps what it gives units read-only (their configuration files), one directory per unit. */
    public Path unitFilesDir() {
        return Path.of(dataDir, "agent", "units").toAbsolutePath().normalize();
    }

    /**
     * Where this agent reaches the manager over HTTP (to fetch uploaded image tars), e.g.
     * {@code http://manager:8080}; empty when not configured.
     */
    public Optional<String> managerUrl() {
        return managerUrl.filter(url -> !url.isBlank()).map(url -> url.endsWith("/")
                ? url.substring(0, url.length() - 1) : url);
    }

    /** TLS for fetching from an https manager URL, trusting {@code berth.agent.manager-truststore}; else empty. */
    public Optional<SSLContext> managerTls() {
        return managerTrustStore.filter(path -> !path.isBlank()).map(path -> TrustStores.trusting(Path.of(path),
                managerTrustStorePassword.orElse("").toCharArray()));
    }

    /** The host's share directory, mounted read-only at {@code /share} in every unit. */
    public Path shareDir() {
        return Path.of(shareDir.orElse(Path.of(dataDir, "share").toString())).toAbsolutePath().normalize();
    }

    /** The share directory the manager gives for this host (an admin's setting), else this agent's own. */
    public Path shareDir(String fromManager) {
        return fromManager == null || fromManager.isBlank() ? shareDir()
                : Path.of(fromManager).toAbsolutePath().normalize();
    }
}
