package dev.berth.protocol;

/**
 * Which log lines of a unit's container to read, as the guide's {@code docker logs} options.
 *
 * @param tail       the last so many lines; 0 or less for all
 * @param since      only lines after this Unix time in seconds; 0 for no limit
 * @param timestamps whether each line starts with its RFC 3339 time stamp
 * @param follow     keep the stream open and send new lines as the container writes them ({@code docker logs -f}):
 *                   the agent answers with a sequence of {@link UnitLogs} chunks instead of one message, until the
 *                   container stops, the manager sends {@link CommandType#LOGS_STOP}, or the manager's
 *                   {@link CommandType#LOGS_FOLLOWING} messages stop coming
 */
public record LogRequest(int tail, long since, boolean timestamps, boolean follow) {
}
