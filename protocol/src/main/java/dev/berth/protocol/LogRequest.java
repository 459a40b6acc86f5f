package dev.berth.protocol;

/**
 * Which log lines of a unit's container to read, as the guide's {@code docker logs} options.
 *
 * @param tail       the last so many lines; 0 or less for all
 * @param since      only lines after this Unix time in seconds; 0 for no limit
 * @param timestamps whether each line starts with its RFC 3339 time stamp
 */
public record LogRequest(int tail, long since, boolean timestamps) {
}
