package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Poll;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A clean start is quiet: the server log of the suite's Berth, from launch until it was ready, holds no warning and no
 * error, and the launcher itself printed a few lines, not the server's log.
 */
@ExtendWith(RunningBerth.class)
class QuietStartIT {

    /** A record's first line: time, level, [logger] (see dist/src/main/berth/logging.properties). */
    private static final Pattern PROBLEM = Pattern.compile("^\\S+ (WARNING|WARN|SEVERE|ERROR|FATAL) \\[.*");

    private final RunningBerth berth;

    QuietStartIT(RunningBerth berth) {
        this.berth = berth;
    }

    @Test
    void aCleanStartLogsNoWarningAndNoError() {
        String startup = berth.startupLog();

        assertThat(startup).as("the server log of the start-up").contains("Payara Micro", "ready in");
        List<String> problems = startup.lines().filter(line -> PROBLEM.matcher(line).matches()).toList();
        assertThat(problems).as("warnings and errors of a clean start (fix each at its cause, or silence a harmless"
                + " one of the platform in dist/src/main/berth/logging.properties, saying why)").isEmpty();
    }

    @Test
    void theLauncherPrintsProgressNotTheServerLog() {
        String up = "[berth] Berth is up: the console at http://localhost:" + berth.httpPort() + "/";
        // the suite goes on once the host is ONLINE; the launcher sees it at its next look, every 0.5 s
        Poll.until(Duration.ofSeconds(30), "the launcher to say Berth is up",
                () -> berth.launcherOutput().contains(up));
        String launcher = berth.launcherOutput();

        assertThat(launcher).contains("[berth] starting Berth", up)
                .doesNotContain("Payara Micro").doesNotContain(" INFO ");
        assertThat(launcher.lines().filter(line -> !line.startsWith("[berth] "))).as(launcher).isEmpty();
    }
}
