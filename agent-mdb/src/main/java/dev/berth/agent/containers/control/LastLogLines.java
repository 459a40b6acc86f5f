package dev.berth.agent.containers.control;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A container's last log lines, for a person to see why it failed. Shared with the benchmark's baseline, so that both
 * explain a unit that never answered the same way.
 */
public final class LastLogLines {

    private LastLogLines() {
    }

    /** At most {@code count} last lines of stdout and stderr; never fails, says so instead. */
    public static String of(DockerClient docker, String containerId, int count) {
        StringBuilder lines = new StringBuilder();
        try {
            docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(count)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            lines.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }

                        @Override
                        public void onError(Throwable refused) {
                            // e.g. a container being removed (an update's previous one): said here, where the
                            // adapter's own handling logged it as an error of the agent's
                            lines.append("(logs unavailable: ").append(refused.getMessage()).append(')');
                            onComplete();
                        }
                    }).awaitCompletion(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            lines.append("(logs unavailable: ").append(e.getMessage()).append(')');
        }
        return lines.isEmpty() ? "(none)" : lines.toString().stripTrailing();
    }
}
