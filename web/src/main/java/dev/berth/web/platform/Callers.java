package dev.berth.web.platform;

import dev.berth.platform.entity.Actor;
import jakarta.ws.rs.core.SecurityContext;

/** The logged-in caller as the boundaries know it. */
public final class Callers {

    /** The role of administrators, as the identity store's groups and {@code @RolesAllowed} name it. */
    public static final String ADMIN = "ADMIN";

    private Callers() {
    }

    public static Actor of(SecurityContext security) {
        return new Actor(security.getUserPrincipal().getName(), security.isUserInRole(ADMIN));
    }
}
