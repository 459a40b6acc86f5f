package dev.berth.agent.containers.control;

import dev.berth.protocol.AgentCommand;
import dev.berth.protocol.ContainerSpec;
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

    private ContainerLabels() {
    }

    public static Map<String, String> of(AgentCommand command, String host, String shareDir) {
        return Map.of(
                MANAGED, "true",
                UNIT, String.valueOf(command.unitId()),
                USER, command.user(),
                HOST, host,
                UID, String.valueOf(command.container().uid()),
                PORT, String.valueOf(command.container().port()),
                COMMAND, command.commandId(),
                CONFIG_HASH, configHash(command.container(), shareDir));
    }

    /**
     * Image, limits, uid, paths, the config files' contents (by file name, in name order) and the version of the
     * agent's container rules: a change to any of them is applied by the next start, which recreates the container.
     * The allowed client networks are not in it: they are firewall rules, set anew at every start.
     */
    static String configHash(ContainerSpec spec, String shareDir) {
        StringBuilder files = new StringBuilder();
        new TreeMap<>(spec.files()).forEach((file, content) -> files.append(file).append('\0').append(content)
                .append('\0'));
        String text = String.join("\n", spec.name(), spec.image(), String.valueOf(spec.port()),
                String.valueOf(spec.memoryBytes()), String.valueOf(spec.cpuShares()), spec.home(), shareDir,
                String.valueOf(spec.uid()), String.valueOf(spec.pidsLimit()), String.valueOf(spec.nofileLimit()),
                ContainerSettings.VERSION, files);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
