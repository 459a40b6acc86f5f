package dev.berth.web.sessions;

import dev.berth.sessions.boundary.Sessions.Settings;
import java.time.Instant;

/**
 * The session rules in force.
 *
 * @param policy        refuse or takeover: what a second login of a name with a live session does
 * @param expirySeconds how long a session lives after its last keepalive
 * @param onEnd         stop or leave: what a session's end does with the units it started
 * @param changedBy     the administrator whose choice holds over the configuration; null: as configured
 */
public record SessionRulesView(String policy, long expirySeconds, String onEnd, String changedBy,
                               Instant changedAt) {

    static SessionRulesView of(Settings settings) {
        return new SessionRulesView(settings.rules().policy().text(), settings.rules().expiry().toSeconds(),
                settings.rules().onEnd().text(), settings.changedBy(), settings.changedAt());
    }
}
