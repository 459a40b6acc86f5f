package dev.berth.users.entity;

import dev.berth.platform.entity.BerthException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A memory limit as Docker writes it ({@code 500m}, {@code 2g}, {@code 65536k}, plain bytes), with the bytes it means.
 *
 * @param text  the normalised text, lower case
 * @param bytes the limit in bytes
 */
public record MemorySize(String text, long bytes) {

    /** Docker refuses a memory limit below 6 MiB. */
    public static final long DOCKER_MINIMUM = 6L * 1024 * 1024;

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,12})([bkmg]?)");

    /**
     * @throws BerthException (invalid) when the text is no size or below Docker's minimum
     */
    public static MemorySize parse(String text) {
        return parse("memory", text, DOCKER_MINIMUM, "Docker's minimum of 6m (6 MiB)");
    }

    /**
     * A size of {@code what} (e.g. {@code disk}), at least {@code minimum} bytes.
     *
     * @throws BerthException (invalid) when the text is no size or below the minimum, which {@code why} explains
     */
    public static MemorySize parse(String what, String text, long minimum, String why) {
        if (text == null || text.isBlank()) {
            throw BerthException.invalid(what + " is missing: give a size such as 500m or 2g");
        }
        String normal = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = FORMAT.matcher(normal);
        if (!m.matches()) {
            throw BerthException.invalid(what + " '" + text + "' is not a size: use a number with an optional unit"
                    + " b, k, m or g, such as 500m or 2g");
        }
        long number = Long.parseLong(m.group(1));
        long factor = switch (m.group(2)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            case "g" -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        long bytes = Math.multiplyExact(number, factor);
        if (bytes < minimum) {
            throw BerthException.invalid(what + " '" + text + "' is below " + why);
        }
        return new MemorySize(normal, bytes);
    }
}
