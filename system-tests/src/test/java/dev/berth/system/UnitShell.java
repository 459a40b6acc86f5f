package dev.berth.system;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.model.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A shell inside a running unit, as its user has one: whatever the unit's user runs (an esProc node runs SPL's
 * {@code system()}), with the unit's uid, limits and mounts. What an attacker in a unit can do, a test does through
 * this.
 */
final class UnitShell {

    /** What a command printed (stdout and stderr together) and its exit code. */
    record Outcome(int exit, String output) {
        boolean succeeded() {
            return exit == 0;
        }
    }

    private final DockerClient docker;
    private final String containerId;

    UnitShell(DockerClient docker, String containerId) {
        this.docker = docker;
        this.containerId = containerId;
    }

    /** Runs {@code sh -c script} in the unit and waits for it (30 s at most). */
    Outcome run(String script) {
        ExecCreateCmdResponse exec = docker.execCreateCmd(containerId).withCmd("sh", "-c", script)
                .withAttachStdout(true).withAttachStderr(true).exec();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            boolean done = docker.execStartCmd(exec.getId()).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    out.writeBytes(frame.getPayload());
                }
            }).awaitCompletion(30, TimeUnit.SECONDS);
            if (!done) {
                throw new IllegalStateException("'" + script + "' did not end within 30 s in " + containerId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Long exit = docker.inspectExecCmd(exec.getId()).exec().getExitCodeLong();
        return new Outcome(exit == null ? -1 : exit.intValue(), out.toString(StandardCharsets.UTF_8));
    }

    /** Starts {@code sh -c script} in the unit and does not wait for it. */
    void launch(String script) {
        ExecCreateCmdResponse exec = docker.execCreateCmd(containerId).withCmd("sh", "-c", script).exec();
        docker.execStartCmd(exec.getId()).withDetach(true).exec(new ResultCallback.Adapter<>());
    }

    /** Whether a TCP connection from inside the unit to {@code address:port} is accepted within 3 s. */
    boolean connects(String address, int port) {
        return run("echo | busybox nc -w 3 " + address + " " + port).succeeded();
    }

    /** What an HTTP server at {@code address:port} answers to {@code GET /}, asked from inside the unit; "" if none. */
    String httpGet(String address, int port) {
        // busybox's static wget crashes without the NSS files a unit image need not have; nc does not
        return run("printf 'GET / HTTP/1.0\\r\\n\\r\\n' | busybox nc -w 3 " + address + " " + port).output();
    }

    /** The unit's default gateway: the host, as the unit sees it on its network. */
    String gateway() {
        Outcome route = run("busybox route -n | busybox awk '$1 == \"0.0.0.0\" { print $2 }'");
        return route.output().strip();
    }
}
