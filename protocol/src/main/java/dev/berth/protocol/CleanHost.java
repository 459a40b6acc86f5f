package dev.berth.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Clean up the host's engine: the previous containers that recreations left behind, and the images made for Berth
 * that no container and no unit uses; answer with {@link HostCleanup} on the message's reply-to queue. Concerns no
 * unit.
 *
 * @param commandId   see {@link AgentCommand#commandId()}
 * @param dryRun      only list what would be removed
 * @param imagesInUse the images the manager knows to be in use on the host (its units' images and the default
 *                    image), which are never removed, whether a container uses them now or not
 */
public record CleanHost(String commandId, boolean dryRun, List<String> imagesInUse) implements AgentCommand {

    public CleanHost {
        new Problems("CLEANUP").commandId(commandId).check(imagesInUse != null, "imagesInUse is missing")
                .throwIfAny();
        imagesInUse = List.copyOf(imagesInUse);
    }

    /** None: a clean-up concerns the host. */
    @Override
    public long unitId() {
        return 0;
    }

    @Override
    public CommandType kind() {
        return CommandType.CLEANUP;
    }

    @Override
    public <R> R handledBy(Handler<R> handler) {
        return Objects.requireNonNull(handler).cleanHost(this);
    }
}
