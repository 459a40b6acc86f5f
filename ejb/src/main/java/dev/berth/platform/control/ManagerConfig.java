package dev.berth.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The manager's configuration, typed: every {@code berth.*} key the manager's Java code reads, each with its default
 * written here and nowhere else. MicroProfile Config resolves a key from the environment too
 * ({@code berth.command.timeout-seconds} &lt;- {@code BERTH_COMMAND_TIMEOUT_SECONDS}). Keys only annotations read
 * ({@code ${MPCONFIG=...}}: the data source, the broker connection of the MDBs) have their defaults in
 * {@code META-INF/microprofile-config.properties} of the WAR. The list, with the environment variables:
 * docs/configuration.md.
 */
@ApplicationScoped
public class ManagerConfig {

    @Inject
    @ConfigProperty(name = "berth.data.dir", defaultValue = "data")
    String dataDir;

    @Inject
    @ConfigProperty(name = "berth.command.timeout-seconds", defaultValue = "120")
    int commandTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "berth.host.offline-after-seconds", defaultValue = "30")
    int hostOfflineAfterSeconds;

    @Inject
    @ConfigProperty(name = "berth.logs.timeout-seconds", defaultValue = "10")
    int logsTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "berth.drift.timeout-seconds", defaultValue = "30")
    int driftTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "berth.unit.default-image", defaultValue = "berth/esproc-unit:1")
    String unitDefaultImage;

    @Inject
    @ConfigProperty(name = "berth.unit.readiness-seconds", defaultValue = "30")
    int unitReadinessSeconds;

    @Inject
    @ConfigProperty(name = "berth.unit.uid-base", defaultValue = "20000")
    int unitUidBase;

    @Inject
    @ConfigProperty(name = "berth.unit.pids-limit", defaultValue = "512")
    int unitPidsLimit;

    @Inject
    @ConfigProperty(name = "berth.unit.nofile-limit", defaultValue = "4096")
    int unitNofileLimit;

    @Inject
    @ConfigProperty(name = "berth.unit.allowed-clients", defaultValue = "127.0.0.0/8")
    String unitAllowedClients;

    @Inject
    @ConfigProperty(name = "berth.unit.disk", defaultValue = "2g")
    String unitDisk;

    @Inject
    @ConfigProperty(name = "berth.images.max-upload-mb", defaultValue = "4096")
    long imagesMaxUploadMb;

    @Inject
    @ConfigProperty(name = "berth.api.max-body-kb", defaultValue = "64")
    long apiMaxBodyKb;

    @Inject
    @ConfigProperty(name = "berth.api.max-file-body-kb", defaultValue = "1024")
    long apiMaxFileBodyKb;

    @Inject
    @ConfigProperty(name = "berth.agent.host")
    Optional<String> localAgentHost;

    @Inject
    @ConfigProperty(name = "berth.token.max-days", defaultValue = "90")
    int tokenMaxDays;

    @Inject
    @ConfigProperty(name = "berth.console.idle-minutes", defaultValue = "30")
    int consoleIdleMinutes;

    @Inject
    @ConfigProperty(name = "berth.stats.retention-hours", defaultValue = "24")
    int statsRetentionHours;

    @Inject
    @ConfigProperty(name = "berth.session.policy", defaultValue = "refuse")
    String sessionPolicy;

    @Inject
    @ConfigProperty(name = "berth.session.expiry-seconds", defaultValue = "300")
    long sessionExpirySeconds;

    @Inject
    @ConfigProperty(name = "berth.session.on-end", defaultValue = "stop")
    String sessionOnEnd;

    @Inject
    @ConfigProperty(name = "berth.restart.policy", defaultValue = "on-failure")
    String restartPolicy;

    @Inject
    @ConfigProperty(name = "berth.restart.limit", defaultValue = "5")
    int restartLimit;

    @Inject
    @ConfigProperty(name = "berth.restart.backoff-seconds", defaultValue = "2")
    int restartBackoffSeconds;

    @Inject
    @ConfigProperty(name = "berth.restart.max-backoff-seconds", defaultValue = "300")
    int restartMaxBackoffSeconds;

    @Inject
    @ConfigProperty(name = "berth.restart.stable-seconds", defaultValue = "60")
    int restartStableSeconds;

    @Inject
    @ConfigProperty(name = "berth.batch.starts-per-host", defaultValue = "8")
    int batchStartsPerHost;

    @Inject
    @ConfigProperty(name = "berth.broker.provisioner-user", defaultValue = "provisioner")
    String brokerProvisionerUser;

    @Inject
    @ConfigProperty(name = "berth.broker.provisioner-password")
    Optional<String> brokerProvisionerPassword;

    /** How many starts of batches may be under way on one host at a time (at least 1). */
    public int batchStartsPerHost() {
        return Math.max(1, batchStartsPerHost);
    }

    /** The broker account of provisioning producers; it may only send to berth.provisioning. */
    public String brokerProvisionerUser() {
        return brokerProvisionerUser;
    }

    /** The provisioning account's password; empty: no such account, the broker refuses provisioning producers. */
    public Optional<String> brokerProvisionerPassword() {
        return brokerProvisionerPassword.filter(p -> !p.isBlank());
    }

    /** Where the manager keeps its database, broker journal, homes, share and secrets (relative: to the cwd). */
    public String dataDir() {
        return dataDir;
    }

    /** When an unanswered command expires (and its unit is FAILED). */
    public Duration commandTimeout() {
        return Duration.ofSeconds(commandTimeoutSeconds);
    }

    /** How long a host may be silent before it is OFFLINE. */
    public Duration hostOfflineAfter() {
        return Duration.ofSeconds(hostOfflineAfterSeconds);
    }

    /** How long a log request waits for the host's agent. */
    public Duration logsTimeout() {
        return Duration.ofSeconds(logsTimeoutSeconds);
    }

    /** How long a drift survey or repair waits for each host's agent. */
    public Duration driftTimeout() {
        return Duration.ofSeconds(driftTimeoutSeconds);
    }

    /** The image of units defined without one. */
    public String unitDefaultImage() {
        return unitDefaultImage;
    }

    /** How long a start may wait for the unit's process to answer. */
    public int unitReadinessSeconds() {
        return unitReadinessSeconds;
    }

    /** A user's uid is this plus the user's id. */
    public int unitUidBase() {
        return unitUidBase;
    }

    public int unitPidsLimit() {
        return unitPidsLimit;
    }

    public int unitNofileLimit() {
        return unitNofileLimit;
    }

    /** The networks (comma-separated CIDR) that may reach units of users without a list of their own. */
    public String unitAllowedClients() {
        return unitAllowedClients;
    }

    /** The size limit of a home for users without one of their own. */
    public String unitDisk() {
        return unitDisk;
    }

    /** The largest image tar an upload may be, in bytes. */
    public long imagesMaxUploadBytes() {
        return imagesMaxUploadMb * 1024 * 1024;
    }

    /** The same, in MiB, for messages. */
    public long imagesMaxUploadMb() {
        return imagesMaxUploadMb;
    }

    /** The largest JSON request body, in bytes. */
    public long apiMaxBodyBytes() {
        return apiMaxBodyKb * 1024;
    }

    /** The largest XML request body (configuration files, imports), in bytes. */
    public long apiMaxFileBodyBytes() {
        return apiMaxFileBodyKb * 1024;
    }

    /** The host of the agent that runs beside this manager (the embedded run); absent for a manager alone. */
    public Optional<String> localAgentHost() {
        return localAgentHost.filter(h -> !h.isBlank());
    }

    /** The longest lifetime an API token may be given, in days; also the lifetime of one asked without. */
    public int tokenMaxDays() {
        return tokenMaxDays;
    }

    /** How long a console session lives without a request; at least a minute (0 would mean for ever). */
    public Duration consoleIdle() {
        return Duration.ofMinutes(Math.max(1, consoleIdleMinutes));
    }

    /** How long units' CPU and memory samples are kept, in hours. */
    public int statsRetentionHours() {
        return statsRetentionHours;
    }

    /** A second login of a user name with a live client session: {@code refuse} or {@code takeover}. */
    public String sessionPolicy() {
        return sessionPolicy;
    }

    /** How long a client session lives after its client last kept it alive, in seconds. */
    public long sessionExpirySeconds() {
        return sessionExpirySeconds;
    }

    /** What a session's end does with the units it started: {@code stop} or {@code leave}. */
    public String sessionOnEnd() {
        return sessionOnEnd;
    }

    /** The default restart policy of units: {@code never}, {@code on-failure} or {@code always}. */
    public String restartPolicy() {
        return restartPolicy;
    }

    /** The most restarts in a row before a unit is left FAILED. */
    public int restartLimit() {
        return restartLimit;
    }

    /** The wait before the first restart of a streak, in seconds; each next one waits twice as long. */
    public int restartBackoffSeconds() {
        return restartBackoffSeconds;
    }

    /** The longest wait between two restarts, in seconds. */
    public int restartMaxBackoffSeconds() {
        return restartMaxBackoffSeconds;
    }

    /** How long a restarted unit must run for its streak to end, in seconds. */
    public int restartStableSeconds() {
        return restartStableSeconds;
    }
}
