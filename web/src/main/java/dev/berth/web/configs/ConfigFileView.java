package dev.berth.web.configs;

import dev.berth.configs.boundary.UserConfigs;
import java.time.Instant;

/** A configuration file without its content, as lists and edits answer. */
public record ConfigFileView(String user, String name, boolean edited, String updatedBy, Instant updatedAt,
                             int characters) {

    public static ConfigFileView of(UserConfigs.File f) {
        return new ConfigFileView(f.user(), f.name(), f.edited(), f.updatedBy(), f.updatedAt(), f.content().length());
    }
}
