package dev.berth.web.images;

import dev.berth.commands.entity.Command;
import dev.berth.images.boundary.Images;
import java.util.List;

/**
 * The answer to an upload: where each host's load stands is at {@code GET /api/images/loads/{upload}}.
 *
 * @param upload   the upload's id
 * @param commands the load command of each target host
 */
public record LoadAccepted(String upload, List<HostCommand> commands) {

    /** One target host and its command. */
    public record HostCommand(String host, String command) {
    }

    static LoadAccepted of(Images.Accepted accepted) {
        return new LoadAccepted(accepted.upload(), accepted.commands().stream()
                .map((Command c) -> new HostCommand(c.getHostName(), c.getId())).toList());
    }
}
