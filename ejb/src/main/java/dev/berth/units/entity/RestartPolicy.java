package dev.berth.units.entity;

import dev.berth.platform.entity.BerthException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What happens to a unit whose container ran and then ended without a stop through Berth. */
public enum RestartPolicy {
    /** Left as it is: the unit is FAILED with the reason. */
    NEVER,
    /** Started again after an exit with a code other than 0 or a kill for memory; an exit with 0 stops the unit. */
    ON_FAILURE,
    /** Started again after any exit, and made again when its container was removed outside Berth. */
    ALWAYS;

    /** As the API and the configuration spell it: {@code never}, {@code on-failure}, {@code always}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws BerthException (400) naming the policies there are */
    public static RestartPolicy parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.text().equals(wanted)).findFirst()
                .orElseThrow(() -> BerthException.invalid("restart policy '" + text + "' is none of "
                        + Arrays.stream(values()).map(RestartPolicy::text).collect(Collectors.joining(", "))));
    }
}
