package dev.berth.images.entity;

import dev.berth.commands.entity.Command;
import dev.berth.commands.entity.CommandState;
import java.util.Arrays;
import java.util.List;

/**
 * How loading one upload went on one host.
 *
 * @param host    the host
 * @param command the LOAD_IMAGE command sent there
 * @param state   PENDING until the agent answers; SUCCEEDED, FAILED or EXPIRED
 * @param images  the images Docker reports loaded (empty unless SUCCEEDED)
 * @param error   why it failed or expired; null otherwise
 */
public record HostLoad(String host, String command, CommandState state, List<String> images, String error) {

    /** How a SUCCEEDED load command keeps the loaded images in its result: one per line. */
    public static final String SEPARATOR = "\n";

    public static HostLoad of(Command command) {
        boolean succeeded = command.getState() == CommandState.SUCCEEDED;
        List<String> images = succeeded && command.getResult() != null && !command.getResult().isEmpty()
                ? Arrays.asList(command.getResult().split(SEPARATOR)) : List.of();
        String error = succeeded || command.getState() == CommandState.PENDING ? null : command.getResult();
        return new HostLoad(command.getHostName(), command.getId(), command.getState(), images, error);
    }
}
