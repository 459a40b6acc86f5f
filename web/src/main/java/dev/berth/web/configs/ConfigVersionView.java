package dev.berth.web.configs;

import dev.berth.configs.boundary.UserConfigs;
import java.time.Instant;

/** A saved version of a configuration file without its content, as the list of versions shows it. */
public record ConfigVersionView(String user, String name, int number, String summary, String createdBy,
                                Instant createdAt) {

    public static ConfigVersionView of(UserConfigs.Version v) {
        return new ConfigVersionView(v.user(), v.name(), v.number(), v.summary(), v.createdBy(), v.createdAt());
    }
}
