package dev.berth.web.console;

import dev.berth.units.boundary.UnitChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.faces.push.Push;
import jakarta.faces.push.PushContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * Live unit states: once a unit's change is committed, the console pages of its owner and of every admin hear
 * "changed" on their websocket (channel {@value #CHANNEL}, one per user) and read again what their caller may see.
 * The push carries no data, and a user's socket is never told about another user's units.
 */
@Named
@ApplicationScoped
public class UnitPush {

    static final String CHANNEL = "units";
    /** The one thing a push says; the pages' {@code f:ajax event} of the same name reloads them. */
    static final String CHANGED = "changed";

    /** The websocket audience of every admin: it is no String, so no user's name can ever be it. */
    enum Audience {
        ADMINS
    }

    @Inject
    @Push(channel = CHANNEL)
    PushContext push;

    @Inject
    ConsoleSession session;

    /** Whose pushes the caller's socket receives: their own units', or, for an admin, every unit's. */
    public Serializable getAudience() {
        return session.isAdmin() ? Audience.ADMINS : session.getName();
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) UnitChanged change) {
        push.send(CHANGED, List.<Serializable>of(change.owner(), Audience.ADMINS));
    }
}
