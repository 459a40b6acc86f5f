package dev.berth.users.control;

import dev.berth.users.entity.LoginPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The login throttle's settings ({@code BERTH_LOGIN_*}): by default the 4th failed attempt of a name within 15 min
 * must wait 2 s after the 3rd, and the 5th locks the name for 15 min.
 */
@ApplicationScoped
public class LoginSettings {

    @Inject
    @ConfigProperty(name = "berth.login.slow-after", defaultValue = "3")
    int slowAfter;

    @Inject
    @ConfigProperty(name = "berth.login.slow-seconds", defaultValue = "2")
    int slowSeconds;

    @Inject
    @ConfigProperty(name = "berth.login.lock-after", defaultValue = "5")
    int lockAfter;

    @Inject
    @ConfigProperty(name = "berth.login.lock-seconds", defaultValue = "900")
    int lockSeconds;

    @Inject
    @ConfigProperty(name = "berth.login.window-seconds", defaultValue = "900")
    int windowSeconds;

    public LoginPolicy policy() {
        return new LoginPolicy(slowAfter, Duration.ofSeconds(slowSeconds), lockAfter, Duration.ofSeconds(lockSeconds),
                Duration.ofSeconds(windowSeconds));
    }
}
