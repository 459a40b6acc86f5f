package dev.berth.web.console;

import dev.berth.platform.entity.BerthException;
import dev.berth.sessions.boundary.Sessions;
import dev.berth.sessions.boundary.Sessions.Snapshot;
import dev.berth.web.sessions.SessionsResource;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;

/**
 * The units page's <b>Connect</b>: opens the caller's client session from the browser's address, as
 * {@code POST /api/sessions} does (the caller's units start or are joined and accept that address), shows the
 * endpoints and offers the client's {@code raqsoftConfig.xml}; <b>Disconnect</b> ends it. While the page is open it
 * keeps the session alive; without it the session ends after the session expiry.
 */
@Named
@ViewScoped
public class ClientConnection implements Serializable {

    private static final long serialVersionUID = 1L;
    /** The client file a user downloads: its {@code <JDBC><Units>} lists every unit of the session. */
    static final String CLIENT_CONFIG = "raqsoftConfig.xml";

    @EJB
    Sessions sessions;

    @Inject
    ConsoleSession session;

    @Inject
    FacesContext faces;

    private String id;
    private transient Snapshot snapshot;
    private boolean looked;

    /** The caller's live session, if any: opened here or elsewhere (a client's login, another page). */
    private Snapshot snapshot() {
        if (!looked) {
            looked = true;
            try {
                if (id == null) {
                    id = sessions.visibleTo(session.actor()).stream()
                            .filter(s -> s.session().getUserName().equals(session.getName())).findFirst()
                            .map(s -> s.session().getId()).orElse(null);
                }
                snapshot = id == null ? null : sessions.get(id, session.actor());
                if (snapshot != null && !snapshot.session().isLive()) {
                    message(FacesMessage.SEVERITY_WARN, "Disconnected: " + snapshot.session().getEndReason(), null);
                    snapshot = null;
                    id = null;
                }
            } catch (BerthException e) {
                snapshot = null;
                id = null;
            }
        }
        return snapshot;
    }

    public boolean isConnected() {
        return snapshot() != null;
    }

    public void connect() {
        try {
            String address = SessionsResource.clientAddress(
                    ((HttpServletRequest) faces.getExternalContext().getRequest()).getRemoteAddr());
            Snapshot opened = sessions.open(address, session.actor());
            id = opened.session().getId();
            reread();
            message(FacesMessage.SEVERITY_INFO, "Connected from " + address, "Your units start or are joined and"
                    + " accept this address while this page keeps the session alive.");
        } catch (BerthException e) {
            message(FacesMessage.SEVERITY_ERROR, e.getMessage(), null);
        }
    }

    public void disconnect() {
        try {
            if (id != null) {
                sessions.end(id, session.actor());
            }
            message(FacesMessage.SEVERITY_INFO, "Disconnected", "The units the session started stop.");
        } catch (BerthException e) {
            message(FacesMessage.SEVERITY_ERROR, e.getMessage(), null);
        }
        id = null;
        reread();
    }

    /** The page's poll: the session lives on while the page is open, and the endpoints' states are read again. */
    public void keepAlive() {
        if (id != null) {
            try {
                sessions.keepAlive(id, session.actor());
            } catch (BerthException e) {
                // ended meanwhile (expired, taken over, ended by an admin): the next read says so
            }
        }
        reread();
    }

    /** A push said a unit changed: the next render reads the session again. */
    public void reread() {
        looked = false;
        snapshot = null;
    }

    /** How often the page keeps the session alive: well within the session expiry in force, at most every minute. */
    public long getKeepAliveSeconds() {
        return Math.max(1, Math.min(60, sessions.settings().rules().expiry().toSeconds() / 3));
    }

    public String getClientAddress() {
        return isConnected() ? snapshot.session().getClientAddress() : null;
    }

    public String getSince() {
        return isConnected() ? Times.of(snapshot.session().getOpenedAt()) : null;
    }

    public boolean isReady() {
        return isConnected() && snapshot.ready();
    }

    /** Each unit of the session: its endpoint, state and what the login did with it. */
    public List<Endpoint> getEndpoints() {
        return isConnected() ? snapshot.units().stream().map(Endpoint::new).toList() : List.of();
    }

    public String getClientConfig() {
        Map<String, String> files = isConnected() ? snapshot.files() : null;
        return files == null ? null : files.get(CLIENT_CONFIG);
    }

    /** The client's raqsoftConfig.xml as a download. */
    public StreamedContent getClientConfigFile() {
        String content = getClientConfig();
        byte[] bytes = (content == null ? "" : content).getBytes(StandardCharsets.UTF_8);
        return DefaultStreamedContent.builder().name(CLIENT_CONFIG).contentType("application/xml")
                .contentLength((long) bytes.length).stream(() -> new ByteArrayInputStream(bytes)).build();
    }

    private void message(FacesMessage.Severity severity, String summary, String detail) {
        faces.addMessage(null, new FacesMessage(severity, summary, detail));
    }

    /** One unit of the session as the page lists it. */
    public static final class Endpoint {
        private final long id;
        private final String endpoint;
        private final String state;
        private final String note;

        Endpoint(Sessions.UnitEndpoint unit) {
            this.id = unit.id();
            this.endpoint = unit.endpoint();
            this.state = unit.state();
            this.note = unit.note() != null ? unit.note() : unit.lastError();
        }

        public long getId() {
            return id;
        }

        public String getEndpoint() {
            return endpoint;
        }

        public String getState() {
            return state;
        }

        public String getNote() {
            return note;
        }
    }
}
