package dev.berth.web.platform;

import dev.berth.platform.entity.Actor;
import jakarta.ws.rs.core.SecurityContext;

/** The logged-in caller as the boundaries know it. */
public final class Callers {

    private Callers() {
    }

    public static Actor of(SecurityContext security) {
        return new Actor(security.getUserPrincipal().getName(), security.isUserInRole("ADMIN"));
    }
}
