package dev.berth.agent.isolation.control;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One command of the host's own tools (iptables, mount, mkfs, ...), run to its end with a deadline. */
final class HostCommand {

    private static final long TIMEOUT_SECONDS = 120;

    private HostCommand() {
    }

    /**
     * Runs {@code command}, feeding it {@code input} when not null.
     *
     * @return what it printed (standard output and error together)
     * @throws IOException when it cannot run, does not end in time or exits non-zero, saying which and what it said
     */
    static String run(String input, String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            if (input != null) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not end within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command[0], e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", List.of(command)) + " failed (" + process.exitValue() + "): "
                    + output.strip());
        }
        return output;
    }
}
