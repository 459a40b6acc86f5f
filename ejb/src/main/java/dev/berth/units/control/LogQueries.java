package dev.berth.units.control;

import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.LogRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the query options of {@code GET /units/{id}/logs} into a {@link LogRequest}, as {@code docker logs} reads
 * them: {@code tail} a number or {@code all}; {@code since} Unix seconds, an RFC 3339 time or a duration before now
 * ({@code 90s}, {@code 10m}, {@code 2h}, {@code 1d}); {@code follow} keeps the stream open.
 */
public final class LogQueries {

    /** The tail when none is given: enough to see why something failed, small enough to read. */
    public static final int DEFAULT_TAIL = 100;
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");

    private LogQueries() {
    }

    public static LogRequest parse(String tail, String since, boolean timestamps, boolean follow, Instant now) {
        return new LogRequest(tail(tail), since(since, now), timestamps, follow);
    }

    private static int tail(String tail) {
        if (tail == null || tail.isBlank()) {
            return DEFAULT_TAIL;
        }
        if (tail.trim().equalsIgnoreCase("all")) {
            return 0;
        }
        try {
            int lines = Integer.parseInt(tail.trim());
            if (lines >= 0) {
                return lines;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw BerthException.invalid("tail '" + tail + "' is neither a number of lines nor 'all'");
    }

    private static long since(String since, Instant now) {
        if (since == null || since.isBlank()) {
            return 0;
        }
        String text = since.trim().toLowerCase(Locale.ROOT);
        if (text.chars().allMatch(Character::isDigit) && text.length() <= 12) {
            return Long.parseLong(text);
        }
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            Duration back = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return now.minus(back).getEpochSecond();
        }
        try {
            return Instant.parse(since.trim()).getEpochSecond();
        } catch (DateTimeParseException e) {
            throw BerthException.invalid("since '" + since + "' is no time: give Unix seconds, an RFC 3339 time"
                    + " such as 2026-11-22T10:00:00Z, or a duration such as 10m");
        }
    }
}
