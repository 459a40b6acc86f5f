package dev.berth.agent.containers.control;

import com.github.dockerjava.api.model.HostConfig;
import dev.berth.protocol.ContainerSpec;
import dev.berth.protocol.StartUnit;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** The labels by which the agent knows its containers. */
public final class ContainerLabels {

    public static final String MANAGED = "berth.managed";
    public static final String UNIT = "berth.unit";
    public static final String USER = "berth.user";
    public static final String HOST = "berth.host";
    public static final String COMMAND = "berth.command";
    /** The uid the unit runs as: a home grows only while no container of that uid runs on the host. */
    public static final String UID = "berth.uid";
    /** The published port: its firewall rules go with the container. */
    public static final String PORT = "berth.port";
    /** A digest of everything the container was made from; a different one means: recreate. */
    public static final String CONFIG_HASH = "berth.config-hash";
    /** The version of the agent's container rules it was made by ({@link ContainerSettings#VERSION}). */
    public static final String SETTINGS = "berth.settings";

    private ContainerLabels() {
    }

    /** @param settings the container's host settings, as {@link ContainerSettings#hostConfig} made them */
    public static Map<String, String> of(StartUnit command, String host, HostConfig settings) {
        return Map.of(
                MANAGED, "true",
                UNIT, String.valueOf(command.unitId()),
                USER, command.user(),
                HOST, host,
                UID, String.valueOf(command.container().uid()),
                PORT, String.valueOf(command.container().port()),
                COMMAND, command.commandId(),
                SETTINGS, ContainerSettings.VERSION,
                CONFIG_HASH, configHash(command.container(), settings));
    }

    /**
     * Everything the container is made from ({@link ContainerSettings#describe}: the rules' version, image, user,
     * limits, mounts, tmpfs, bind address, network, ...) and the config files' contents (by file name, in name order):
     * a change to any of them is applied by the next start, which recreates the container. The allowed client
     * networks are not in it: they are firewall rules, set anew at every start.
     */
    static String configHash(ContainerSpec spec, HostConfig settings) {
        StringBuilder files = new StringBuilder();
        new TreeMap<>(spec.files()).forEach((file, content) -> files.append(file).append('\0').append(content)
                .append('\0'));
        String text = ContainerSettings.describe(spec, settings) + "\n" + files;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
