package dev.berth.agent.containers.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DockerClientConfig;
import dev.berth.protocol.ContainerSpec;
import dev.berth.protocol.StartUnit;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerLabelsTest {

    private final ContainerSpec spec = spec("berth/probe:1", 1L << 26, 20001, 512, List.of("127.0.0.0/8"),
            Map.of("unitServer.xml", "<SERVER/>", "raqsoftConfig.xml", "<Config/>"));

    private static ContainerSpec spec(String image, long memory, int uid, int pids, List<String> clients,
                                      Map<String, String> files) {
        return new ContainerSpec("berth-aaa-8281", image, 8281, memory, 512, "/data/homes/aaa", null, files, uid, pids,
                4096, clients, 0, List.of("10.2.0.7:8282"), List.of("10.2.0.7"));
    }

    /** The settings an agent binding on {@code bindAddress}, sharing {@code share}, gives a unit of {@code spec}. */
    private static HostConfig settings(ContainerSpec spec, String bindAddress, String share, String writable) {
        return ContainerSettings.hostConfig(spec, bindAddress, Path.of(spec.home()), Path.of("/data/agent/units/7"),
                Path.of(share), "berth-h1-u" + spec.uid(), writable);
    }

    private static HostConfig settings(ContainerSpec spec) {
        return settings(spec, "127.0.0.1", "/share", null);
    }

    private static String hash(ContainerSpec spec) {
        return ContainerLabels.configHash(spec, settings(spec));
    }

    @Test
    void labelsAContainerWithUnitUserHostCommandAndRules() {
        assertThat(ContainerLabels.of(new StartUnit("c1", 7, "aaa", spec, 30), "h1", settings(spec)))
                .containsEntry("berth.managed", "true")
                .containsEntry("berth.unit", "7")
                .containsEntry("berth.user", "aaa")
                .containsEntry("berth.host", "h1")
                .containsEntry("berth.command", "c1")
                .containsEntry("berth.settings", ContainerSettings.VERSION)
                .containsKey("berth.config-hash");
    }

    @Test
    void writesTheHostSettingsAsDockerJavasOwnMapperDoes() throws Exception {
        // the hash of every container made so far depends on this text: a change would make them all anew
        HostConfig settings = settings(spec);

        assertThat(ContainerSettings.describe(spec, settings))
                .endsWith("\n" + DockerClientConfig.getDefaultObjectMapper().writeValueAsString(settings));
    }

    @Test
    void keepsTheConfigHashAcrossCommandsOfAnUnchangedUnit() {
        assertThat(ContainerLabels.of(new StartUnit("c1", 7, "aaa", spec, 30), "h1", settings(spec))
                .get(ContainerLabels.CONFIG_HASH))
                .isEqualTo(ContainerLabels.of(new StartUnit("c2", 7, "aaa", spec, 30), "h1", settings(spec))
                        .get(ContainerLabels.CONFIG_HASH));
    }

    @Test
    void changesTheConfigHashWhenLimitsImageOrShareChange() {
        String before = hash(spec);

        Map<String, String> files = spec.files();
        assertThat(hash(spec("berth/probe:1", 1L << 27, 20001, 512, List.of(), files)))
                .as("another memory limit").isNotEqualTo(before);
        assertThat(hash(spec("berth/probe:2", 1L << 26, 20001, 512, List.of(), files)))
                .as("another image").isNotEqualTo(before);
        assertThat(hash(spec("berth/probe:1", 1L << 26, 20002, 512, List.of(), files)))
                .as("another uid").isNotEqualTo(before);
        assertThat(hash(spec("berth/probe:1", 1L << 26, 20001, 64, List.of(), files)))
                .as("another pids limit").isNotEqualTo(before);
        assertThat(hash(spec("berth/probe:1", 1L << 26, 20001, 512, List.of("10.0.0.0/8"), files)))
                .as("allowed clients are firewall rules, set at every start").isEqualTo(before);
        assertThat(ContainerLabels.configHash(spec, settings(spec, "127.0.0.1", "/other-share", null)))
                .as("another share").isNotEqualTo(before);
    }

    @Test
    void changesTheConfigHashWhenTheAgentsOwnSettingsChange() {
        String before = hash(spec);

        assertThat(ContainerLabels.configHash(spec, settings(spec, "127.0.0.2", "/share", null)))
                .as("another bind address").isNotEqualTo(before);
        assertThat(ContainerLabels.configHash(spec, settings(spec, "127.0.0.1", "/share", "/var/run")))
                .as("another tmpfs").isNotEqualTo(before);
        HostConfig writableRoot = settings(spec).withReadonlyRootfs(false);
        assertThat(ContainerLabels.configHash(spec, writableRoot)).as("a writable root").isNotEqualTo(before);
        HostConfig capable = settings(spec).withCapDrop().withSecurityOpts(List.of());
        assertThat(ContainerLabels.configHash(spec, capable)).as("capabilities kept").isNotEqualTo(before);
        assertThat(ContainerLabels.configHash(spec, settings(spec))).as("the same settings again").isEqualTo(before);
    }

    @Test
    void changesTheConfigHashWhenAConfigFileChangesButNotWhenOnlyTheirOrderDoes() {
        String before = hash(spec);
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("raqsoftConfig.xml", "<Config/>");
        reordered.put("unitServer.xml", "<SERVER/>");

        assertThat(hash(withFiles(reordered))).isEqualTo(before);
        assertThat(hash(withFiles(Map.of("unitServer.xml", "<SERVER/>",
                "raqsoftConfig.xml", "<Config><!-- edited --></Config>")))).isNotEqualTo(before);
    }

    private ContainerSpec withFiles(Map<String, String> files) {
        return spec(spec.image(), spec.memoryBytes(), spec.uid(), spec.pidsLimit(), spec.clients(), files);
    }
}
