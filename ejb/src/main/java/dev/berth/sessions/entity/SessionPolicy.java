package dev.berth.sessions.entity;

import dev.berth.platform.entity.BerthException;
import java.util.Arrays;
import java.util.Locale;

/** What a second login of a user name does while the name has a live session. */
public enum SessionPolicy {
    /** The second login is refused (409), naming since when and from where the first session is. */
    REFUSE,
    /** The first session ends ("taken over from <address>") and the second one goes on with its units. */
    TAKEOVER;

    /**
     * The policy named {@code text}, in any case.
     *
     * @throws BerthException (400) naming the policies there are
     */
    public static SessionPolicy parse(String text) {
        return Arrays.stream(values()).filter(p -> p.name().equalsIgnoreCase(text == null ? "" : text.strip()))
                .findFirst().orElseThrow(() -> BerthException.invalid("session policy '" + text + "' is none of"
                        + " refuse, takeover"));
    }

    /** As configuration and the API write it: lower case. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
