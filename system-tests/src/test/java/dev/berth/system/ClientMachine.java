package dev.berth.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Another machine on the network, as a user's client sits on one: a network namespace of this machine with an address
 * of its own (in 198.18.0.0/15, the range set aside for tests), linked to the host by a veth pair and routed through it
 * like a LAN client. It calls Berth's API at the host's end of the link, so Berth sees the client's own address, and
 * reaches units by their containers' addresses through the host's FORWARD rules, where a unit's firewall chain
 * decides as it does for a LAN client whose connection Docker forwards to a published port. (The Berth of the tests
 * publishes units on 127.0.0.1 only, which no other machine reaches.) Needs root, as the tests' Docker does.
 */
final class ClientMachine implements AutoCloseable {

    private final String name;
    private final String hostSide;
    private final String address;
    private final String hostAddress;

    private ClientMachine(String name, String hostSide, String address, String hostAddress) {
        this.name = name;
        this.hostSide = hostSide;
        this.address = address;
        this.hostAddress = hostAddress;
    }

    /** A new client machine with an address no other has in this run. */
    static ClientMachine create() {
        String id = UUID.randomUUID().toString().substring(0, 6);
        int third = ThreadLocalRandom.current().nextInt(256);
        int fourth = ThreadLocalRandom.current().nextInt(64) * 4;
        String net = "198.18." + third + ".";
        ClientMachine machine = new ClientMachine("berth-client-" + id, "vbc" + id + "h",
                net + (fourth + 2), net + (fourth + 1));
        String clientSide = "vbc" + id + "c";
        try {
            machine.host("ip", "netns", "add", machine.name);
            machine.host("ip", "link", "add", machine.hostSide, "type", "veth", "peer", "name", clientSide);
            machine.host("ip", "link", "set", clientSide, "netns", machine.name);
            machine.host("ip", "addr", "add", machine.hostAddress + "/30", "dev", machine.hostSide);
            machine.host("ip", "link", "set", machine.hostSide, "up");
            machine.inside("ip", "addr", "add", machine.address + "/30", "dev", clientSide);
            machine.inside("ip", "link", "set", clientSide, "up");
            machine.inside("ip", "link", "set", "lo", "up");
            machine.inside("ip", "route", "add", "default", "via", machine.hostAddress);
        } catch (RuntimeException e) {
            machine.close();
            throw e;
        }
        return machine;
    }

    /** The client's own address, as Berth and the units see it. */
    String address() {
        return address;
    }

    /** The host's address on the client's link: where the client reaches Berth. */
    String hostAddress() {
        return hostAddress;
    }

    /** What one HTTP call answered: the status and the body. */
    record Answer(int status, String body) {
    }

    /**
     * An HTTP call from the client (curl), logged in as {@code user}; the credentials go through standard input,
     * never a command line.
     */
    Answer call(String method, String url, String user, String password) {
        Outcome run = run("user = \"" + user + ":" + password + "\"\n", "curl", "-sS", "-m", "90", "-K", "-",
                "-X", method, "-H", "Content-Type: application/json", "-w", "\n%{http_code}", url);
        String out = run.output().strip();
        int lastLine = out.lastIndexOf('\n');
        return new Answer(Integer.parseInt(out.substring(lastLine + 1).strip()),
                lastLine < 0 ? "" : out.substring(0, lastLine));
    }

    /** Whether an HTTP server at {@code address:port} answers the client within 5 s, and what. */
    Outcome httpGet(String address, int port) {
        return run("", "curl", "-sS", "-m", "5", "http://" + address + ":" + port + "/");
    }

    @Override
    public void close() {
        // deleting the namespace takes its end of the veth pair, and with it the host's end
        run(List.of("ip", "netns", "delete", name), "");
    }

    /** What a command printed (stdout and stderr together) and its exit code. */
    record Outcome(int exit, String output) {
        boolean succeeded() {
            return exit == 0;
        }
    }

    private Outcome run(String input, String... command) {
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", name));
        line.addAll(List.of(command));
        return run(line, input);
    }

    private void inside(String... command) {
        List<String> line = new ArrayList<>(List.of("ip", "netns", "exec", name));
        line.addAll(List.of(command));
        checked(line);
    }

    private void host(String... command) {
        checked(List.of(command));
    }

    private static void checked(List<String> command) {
        Outcome outcome = run(command, "");
        if (!outcome.succeeded()) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + outcome.exit() + "): "
                    + outcome.output());
        }
    }

    private static Outcome run(List<String> command, String input) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within 120 s");
            }
            return new Outcome(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
