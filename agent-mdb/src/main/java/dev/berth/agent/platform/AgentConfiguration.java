package dev.berth.agent.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Who this agent is and where its host keeps things. */
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

    /** The certificates an https manager URL is trusted by (PKCS12 or JKS); absent: the JVM's default ones. */
    @Inject
    @ConfigProperty(name = "berth.agent.manager-truststore")
    Optional<String> managerTrustStore;

    @Inject
    @ConfigProperty(name = "berth.agent.manager-truststore-password")
    Optional<String> managerTrustStorePassword;

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

    /**
     * Where this agent reaches its units' published ports: the bind address itself, or loopback when units publish
     * on every interface. Several hosts on one machine publish on different loopback addresses (127.0.0.2, ...).
     */
    public String probeAddress() {
        return switch (bindAddress) {
            case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
            default -> bindAddress;
        };
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
