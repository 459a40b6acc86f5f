package dev.berth.protocol;

import java.util.Objects;

/**
 * Fetch an uploaded image tar from the manager and load it into the host's engine; concerns no unit.
 *
 * @param commandId see {@link AgentCommand#commandId()}
 * @param image     where the tar is and how to check it
 */
public record LoadImage(String commandId, ImageDownload image) implements AgentCommand {

    public LoadImage {
        Problems problems = new Problems("LOAD_IMAGE").commandId(commandId);
        if (image == null) {
            problems.add("image is missing");
        } else {
            problems.addAll(image.problems());
        }
        problems.throwIfAny();
    }

    /** None: an image load concerns the host. */
    @Override
    public long unitId() {
        return 0;
    }

    @Override
    public CommandType kind() {
        return CommandType.LOAD_IMAGE;
    }

    @Override
    public <R> R handledBy(Handler<R> handler) {
        return Objects.requireNonNull(handler).loadImage(this);
    }
}
