package dev.berth.agent.containers.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.protocol.AgentCommand;
import dev.berth.protocol.CommandType;
import dev.berth.protocol.ContainerSpec;
import dev.berth.protocol.Messages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerLabelsTest {

    private static AgentCommand start(String commandId, ContainerSpec spec) {
        return new AgentCommand(Messages.VERSION, commandId, CommandType.START, 7, "aaa", spec, 30, null, null);
    }

    private final ContainerSpec spec = spec("berth/probe:1", 1L << 26, 20001, 512, List.of("127.0.0.0/8"),
            Map.of("unitServer.xml", "<SERVER/>", "raqsoftConfig.xml", "<Config/>"));

    private static ContainerSpec spec(String image, long memory, int uid, int pids, List<String> clients,
                                      Map<String, String> files) {
        return new ContainerSpec("berth-aaa-8281", image, 8281, memory, 512, "/data/homes/aaa", null, files, uid, pids,
                4096, clients, 0, List.of("10.2.0.7:8282"), List.of("10.2.0.7"));
    }

    @Test
    void labelsAContainerWithUnitUserHostAndCommand() {
        assertThat(ContainerLabels.of(start("c1", spec), "h1", "/share"))
                .containsEntry("berth.managed", "true")
                .containsEntry("berth.unit", "7")
                .containsEntry("berth.user", "aaa")
                .containsEntry("berth.host", "h1")
                .containsEntry("berth.command", "c1")
                .containsKey("berth.config-hash");
    }

    @Test
    void keepsTheConfigHashAcrossCommandsOfAnUnchangedUnit() {
        assertThat(ContainerLabels.of(start("c1", spec), "h1", "/share").get(ContainerLabels.CONFIG_HASH))
                .isEqualTo(ContainerLabels.of(start("c2", spec), "h1", "/share").get(ContainerLabels.CONFIG_HASH));
    }

    @Test
    void changesTheConfigHashWhenLimitsImageOrShareChange() {
        String before = ContainerLabels.configHash(spec, "/share");

        Map<String, String> files = spec.files();
        assertThat(ContainerLabels.configHash(spec("berth/probe:1", 1L << 27, 20001, 512, List.of(), files),
                "/share")).as("another memory limit").isNotEqualTo(before);
        assertThat(ContainerLabels.configHash(spec("berth/probe:2", 1L << 26, 20001, 512, List.of(), files),
                "/share")).as("another image").isNotEqualTo(before);
        assertThat(ContainerLabels.configHash(spec("berth/probe:1", 1L << 26, 20002, 512, List.of(), files),
                "/share")).as("another uid").isNotEqualTo(before);
        assertThat(ContainerLabels.configHash(spec("berth/probe:1", 1L << 26, 20001, 64, List.of(), files),
                "/share")).as("another pids limit").isNotEqualTo(before);
        assertThat(ContainerLabels.configHash(spec("berth/probe:1", 1L << 26, 20001, 512, List.of("10.0.0.0/8"),
                files), "/share")).as("allowed clients are firewall rules, set at every start").isEqualTo(before);
        assertThat(ContainerLabels.configHash(spec, "/other-share")).isNotEqualTo(before);
    }

    @Test
    void changesTheConfigHashWhenAConfigFileChangesButNotWhenOnlyTheirOrderDoes() {
        String before = ContainerLabels.configHash(spec, "/share");
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("raqsoftConfig.xml", "<Config/>");
        reordered.put("unitServer.xml", "<SERVER/>");

        assertThat(ContainerLabels.configHash(withFiles(reordered), "/share")).isEqualTo(before);
        assertThat(ContainerLabels.configHash(withFiles(Map.of("unitServer.xml", "<SERVER/>",
                "raqsoftConfig.xml", "<Config><!-- edited --></Config>")), "/share")).isNotEqualTo(before);
    }

    private ContainerSpec withFiles(Map<String, String> files) {
        return spec(spec.image(), spec.memoryBytes(), spec.uid(), spec.pidsLimit(), spec.clients(), files);
    }
}
