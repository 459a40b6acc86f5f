package dev.berth.configs.control;

import dev.berth.configs.boundary.UserConfigs;
import dev.berth.units.control.StartFiles;
import dev.berth.users.entity.AppUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** A start's files: the user's files as {@link UserConfigs} has them, generated or edited. */
@ApplicationScoped
public class UserStartFiles implements StartFiles {

    @Inject
    UserConfigs configs;

    @Override
    public Map<String, String> of(AppUser owner) {
        return configs.forStart(owner);
    }
}
