package dev.berth.web.console;

import dev.berth.platform.entity.BerthException;
import dev.berth.sessions.boundary.Sessions;
import dev.berth.sessions.boundary.Sessions.Snapshot;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;

/** The admin's client sessions: who is connected, from where, since when, until when; and ending one. */
@Named
@RequestScoped
public class SessionsPage {

    @EJB
    Sessions sessions;

    @Inject
    ConsoleSession session;

    private List<Snapshot> live;

    /** The live sessions, each with its units as they are now. */
    public List<Snapshot> getSessions() {
        if (live == null) {
            live = sessions.visibleTo(session.actor());
        }
        return live;
    }

    /** How long ago {@code then} was, for a person. */
    public String age(Instant then) {
        return InstantConverter.age(then, Instant.now());
    }

    /** The units of a session as "host:port STATE", one list. */
    public String units(Snapshot snapshot) {
        return snapshot.units().isEmpty() ? "none" : String.join(", ", snapshot.units().stream()
                .map(u -> u.endpoint() + " " + u.state()).toList());
    }

    /** Ends the session: its client's access to the units is withdrawn, the units it started stop. */
    public void end(String id) {
        try {
            Snapshot ended = sessions.end(id, session.actor());
            FieldMessages.info(FacesContext.getCurrentInstance(), "Session of " + ended.session().getUserName()
                    + " from " + ended.session().getClientAddress() + " ended.");
            live = null;
        } catch (BerthException refusal) {
            FieldMessages.error(FacesContext.getCurrentInstance(), refusal.getMessage());
        }
    }
}
