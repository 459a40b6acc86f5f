package dev.berth.web.units;

import dev.berth.units.boundary.Restarts.Settings;
import java.time.Instant;

/**
 * The restart rules in force.
 *
 * @param restartPolicy     the default policy of units: never, on-failure or always
 * @param restartLimit      the most restarts in a row before a unit is left FAILED
 * @param backoffSeconds    the wait before the first restart of a streak; each next one waits twice as long
 * @param maxBackoffSeconds the longest wait
 * @param stableSeconds     how long a restarted unit must run for its streak to end
 * @param changedBy         the administrator whose choice holds over the configuration; null: as configured
 */
public record RestartRulesView(String restartPolicy, int restartLimit, long backoffSeconds, long maxBackoffSeconds,
                               long stableSeconds, String changedBy, Instant changedAt) {

    static RestartRulesView of(Settings settings) {
        var rules = settings.rules();
        return new RestartRulesView(rules.policy().text(), rules.limit(), rules.backoff().toSeconds(),
                rules.maxBackoff().toSeconds(), rules.stable().toSeconds(), settings.changedBy(), settings.changedAt());
    }
}
