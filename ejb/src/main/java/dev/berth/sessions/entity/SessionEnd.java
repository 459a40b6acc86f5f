package dev.berth.sessions.entity;

import dev.berth.platform.entity.BerthException;
import java.util.Arrays;
import java.util.Locale;

/** What the end of a session does with the units it started (units it joined keep running either way). */
public enum SessionEnd {
    /** They stop: a user's units run while the user is logged in. */
    STOP,
    /** They keep running. */
    LEAVE;

    /**
     * The choice named {@code text}, in any case.
     *
     * @throws BerthException (400) naming the choices there are
     */
    public static SessionEnd parse(String text) {
        return Arrays.stream(values()).filter(p -> p.name().equalsIgnoreCase(text == null ? "" : text.strip()))
                .findFirst().orElseThrow(() -> BerthException.invalid("session end '" + text + "' is none of"
                        + " stop, leave"));
    }

    /** As configuration and the API write it: lower case. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
