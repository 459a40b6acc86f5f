package dev.berth.protocol;

/**
 * An agent's answer to a LOGS command, on the command's reply-to queue.
 * <p>
 * Without {@link LogRequest#follow()} the answer is one message: sequence 0, {@code end} true. With it the answer is
 * a stream of chunks numbered 0, 1, 2, ... in the order sent: chunk 0 comes as soon as the agent has attached to the
 * container (it holds the requested tail, possibly empty), further chunks carry what the container wrote since
 * (batched), and chunks with empty text while the container is silent tell the manager that the agent still
 * follows. The last chunk has {@code end} true: the container stopped, the follower was stopped, or it failed
 * ({@code error} then says why).
 *
 * @param unitId   the unit
 * @param sequence the chunk's number in its stream, from 0; a gap means a chunk was lost
 * @param text     the log lines, stdout and stderr interleaved as Docker keeps them; empty when none
 * @param end      whether this is the last message of the answer
 * @param error    why the logs could not be read (no container, engine down); null when they could
 * @param busy     with an error: the agent refused for now (too many followers) and may accept later
 */
public record UnitLogs(long unitId, long sequence, String text, boolean end, String error, boolean busy) {

    /** The one answer to a LOGS command without follow. */
    public static UnitLogs whole(long unitId, String text) {
        return new UnitLogs(unitId, 0, text, true, null, false);
    }

    /** A chunk of a followed stream; {@code end} for the last. */
    public static UnitLogs chunk(long unitId, long sequence, String text, boolean end) {
        return new UnitLogs(unitId, sequence, text, end, null, false);
    }

    /** The logs cannot be read (no container, engine down); ends the answer. */
    public static UnitLogs failed(long unitId, long sequence, String error) {
        return new UnitLogs(unitId, sequence, "", true, error, false);
    }

    /** The agent cannot follow now but may later (too many followers); the only message of the answer. */
    public static UnitLogs busy(String error, long unitId) {
        return new UnitLogs(unitId, 0, "", true, error, true);
    }
}
