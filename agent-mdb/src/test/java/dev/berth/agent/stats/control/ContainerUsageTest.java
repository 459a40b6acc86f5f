package dev.berth.agent.stats.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Statistics;
import dev.berth.protocol.UnitStats;
import java.time.Instant;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Docker's stats answers, as the engine sends them on cgroup v2 and v1, read the way docker-java reads them. */
class ContainerUsageTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:05Z");

    /** cgroup v2, two CPUs online: the unit used 0.5 s of CPU in the 1 s (2 s of host CPU time) between readings. */
    private static final String CGROUP_V2 = """
            {"read":"2026-11-29T10:00:01.500000000Z","preread":"2026-11-29T10:00:00.500000000Z",
             "cpu_stats":{"cpu_usage":{"total_usage":2500000000,"usage_in_kernelmode":300000000,
               "usage_in_usermode":2200000000},"system_cpu_usage":102000000000,"online_cpus":2},
             "precpu_stats":{"cpu_usage":{"total_usage":2000000000},"system_cpu_usage":100000000000,"online_cpus":2},
             "memory_stats":{"usage":52428800,"limit":67108864,
               "stats":{"anon":41943040,"file":10485760,"inactive_file":8388608,"active_file":2097152}}}""";

    /** cgroup v1 of an older engine: no online_cpus but four per-CPU times; 1.5 s of CPU in 1 s. */
    private static final String CGROUP_V1 = """
            {"read":"2026-11-29T10:00:01Z",
             "cpu_stats":{"cpu_usage":{"total_usage":9500000000,"percpu_usage":[1,2,3,4]},
               "system_cpu_usage":54000000000},
             "precpu_stats":{"cpu_usage":{"total_usage":8000000000,"percpu_usage":[1,2,3,4]},
               "system_cpu_usage":50000000000},
             "memory_stats":{"usage":104857600,"limit":536870912,
               "stats":{"cache":31457280,"total_cache":31457280,"total_inactive_file":20971520,"rss":73400320}}}""";

    @Test
    void computesCpuOfOneCoreAndMemoryWithoutCacheOnCgroupV2() throws Exception {
        UnitStats sample = ContainerUsage.of(7, read(CGROUP_V2), NOW).orElseThrow();

        assertThat(sample.unitId()).isEqualTo(7);
        assertThat(sample.at()).isEqualTo(Instant.parse("2026-11-29T10:00:01.5Z"));
        assertThat(sample.cpuPercent()).isCloseTo(50.0, Offset.offset(1e-9));
        assertThat(sample.memoryBytes()).isEqualTo(52428800 - 8388608);
        assertThat(sample.memoryLimitBytes()).isEqualTo(67108864);
    }

    @Test
    void countsCpusByTheirTimesAndDropsTheInactiveFilesOnCgroupV1() throws Exception {
        UnitStats sample = ContainerUsage.of(8, read(CGROUP_V1), NOW).orElseThrow();

        assertThat(sample.cpuPercent()).as("1.5 cores busy").isCloseTo(150.0, Offset.offset(1e-9));
        assertThat(sample.memoryBytes()).isEqualTo(104857600 - 20971520);
        assertThat(sample.memoryLimitBytes()).isEqualTo(536870912);
    }

    @Test
    void givesNoSampleWithoutAnEarlierReadingOrForAStoppedContainer() throws Exception {
        String first = CGROUP_V2.replace("\"system_cpu_usage\":100000000000", "\"system_cpu_usage\":0");
        String stopped = """
                {"read":"0001-01-01T00:00:00Z","cpu_stats":{"cpu_usage":{"total_usage":0}},
                 "precpu_stats":{"cpu_usage":{"total_usage":0}},"memory_stats":{}}""";

        assertThat(ContainerUsage.of(7, read(first), NOW)).isEmpty();
        assertThat(ContainerUsage.of(7, read(stopped), NOW)).isEmpty();
    }

    @Test
    void readsAnIdleUnitAsZeroAndKeepsUsageWhenTheCacheIsNotBelowIt() throws Exception {
        String idle = CGROUP_V2.replace("\"total_usage\":2500000000", "\"total_usage\":2000000000")
                .replace("\"inactive_file\":8388608", "\"inactive_file\":62914560")
                .replace("\"read\":\"2026-11-29T10:00:01.500000000Z\"", "\"read\":\"soon\"");

        UnitStats sample = ContainerUsage.of(7, read(idle), NOW).orElseThrow();

        assertThat(sample.cpuPercent()).isZero();
        assertThat(sample.memoryBytes()).isEqualTo(52428800);
        assertThat(sample.at()).as("Docker's time unreadable: when the answer came").isEqualTo(NOW);
    }

    private static Statistics read(String json) throws Exception {
        return JSON.readValue(json, Statistics.class);
    }
}
