package dev.berth.system;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real command line ({@code dist/target/berth/berth-cli.jar}) run as a process against the booted Berth, its
 * standard output and error kept apart. While it runs, the command lines of it and its children are read from
 * {@code /proc} again and again: {@link Run#secretsSeen()} names any secret one of them held.
 */
final class Cli {

    private final RunningBerth berth;
    private final Path dir;
    private final Map<String, String> env = new HashMap<>();
    private final Set<String> secrets = new TreeSet<>();
    private final List<String> launcher = new ArrayList<>();

    private Cli(RunningBerth berth, Path dir) {
        this.berth = berth;
        this.dir = dir;
        env.put("BERTH_URL", berth.apiBase());
    }

    /** As admin: the password in BERTH_PASSWORD. */
    static Cli admin(RunningBerth berth, Path dir) {
        return new Cli(berth, dir).password(berth.adminPassword());
    }

    /** As {@code user}, with that user's password in BERTH_PASSWORD. */
    static Cli as(RunningBerth berth, Path dir, String user, String password) {
        return new Cli(berth, dir).env("BERTH_USER", user).password(password);
    }

    /** With no password anywhere (and no data dir to find one in). */
    static Cli withoutPassword(RunningBerth berth, Path dir) {
        return new Cli(berth, dir).env("BERTH_DATA_DIR", dir.resolve("no-data").toString());
    }

    Cli password(String password) {
        secrets.add(password);
        return env("BERTH_PASSWORD", password);
    }

    Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Another secret that must never be in a command line while this runs. */
    Cli secret(String value) {
        secrets.add(value);
        return this;
    }

    /** Through the launcher, {@code ./berth <args>}, rather than {@code java -jar} directly. */
    Cli viaLauncher() {
        launcher.add(RunningBerth.root().resolve("berth").toString());
        return this;
    }

    /** What one run did. */
    record Run(List<String> args, int exit, String out, String err, Set<String> secretsSeen, int scans) {

        @Override
        public String toString() {
            return args + " exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    Run run(String... args) {
        return start("", args).await(Duration.ofMinutes(3));
    }

    Run runWithInput(String stdin, String... args) {
        return start(stdin, args).await(Duration.ofMinutes(3));
    }

    /** A run still going (a followed log): read its output while it runs, then {@link #await}. */
    Running start(String stdin, String... args) {
        List<String> command = new ArrayList<>(launcher);
        if (launcher.isEmpty()) {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-jar");
            command.add(RunningBerth.root().resolve("dist/target/berth/berth-cli.jar").toString());
        }
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(dir, "cli-", ".out");
            Path err = Files.createTempFile(dir, "cli-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("BERTH_"));
            builder.environment().putAll(env);
            Process process = builder.start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            return new Running(List.of(args), process, out, err, Set.copyOf(secrets));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started run: its output so far, and the process-list scans made while it ran. */
    static final class Running {

        private final List<String> args;
        private final Process process;
        private final Path out;
        private final Path err;
        private final Set<String> secrets;
        private final Set<String> seen = new TreeSet<>();
        private int scans;

        Running(List<String> args, Process process, Path out, Path err, Set<String> secrets) {
            this.args = args;
            this.process = process;
            this.out = out;
            this.err = err;
            this.secrets = secrets;
        }

        String out() {
            return read(out);
        }

        Process process() {
            return process;
        }

        /** Scans the command lines of the process and its children once. */
        void scan() {
            if (process.isAlive()) {
                scans++;
                Stream.concat(Stream.of(process.toHandle()), process.descendants()).forEach(p -> {
                    try {
                        String cmdline = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline"),
                                StandardCharsets.ISO_8859_1);
                        secrets.stream().filter(cmdline::contains)
                                .forEach(s -> seen.add("a secret in " + cmdline.replace('\0', ' ')));
                    } catch (IOException gone) {
                        // it ended between the listing and the read
                    }
                });
            }
        }

        Run await(Duration deadline) {
            Instant end = Instant.now().plus(deadline);
            try {
                while (process.isAlive() && Instant.now().isBefore(end)) {
                    scan();
                    process.waitFor(5, TimeUnit.MILLISECONDS);
                }
                if (process.isAlive()) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(args + " did not finish within " + deadline + ":\n" + read(out)
                            + read(err));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return new Run(args, process.exitValue(), read(out), read(err), seen, scans);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
