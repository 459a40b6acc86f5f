package dev.berth.web.sessions;

import dev.berth.sessions.boundary.Sessions.Snapshot;
import dev.berth.sessions.boundary.Sessions.UnitEndpoint;
import dev.berth.sessions.entity.ClientSession;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A client session as the API shows it.
 *
 * @param clientAddress the address the login came from: the user's units accept it while the session lives
 * @param expiresAt     when it ends unless kept alive before; null once ended
 * @param ready         every unit runs and accepts the client: the endpoints answer it
 * @param settled       nothing is under way any more (no unit starting or stopping, no agent setting clients)
 * @param files         the esProc client's raqsoftConfig.xml and unitServer.xml; only in a login's answer and in
 *                      GET /sessions/{id} while it lives
 */
public record SessionView(String id, String user, String clientAddress, Instant openedAt, Instant lastSeen,
                          Instant expiresAt, boolean live, Instant endedAt, String endReason, boolean ready,
                          boolean settled, List<UnitView> units, Map<String, String> files) {

    /**
     * One of the user's units.
     *
     * @param endpoint         {@code ip:port}, where the client reaches it
     * @param startedBySession the session started it, and its end stops it (BERTH_SESSION_ON_END=stop)
     * @param note             what the login did with it: started, joined, or why it could not start
     */
    public record UnitView(long id, String host, String endpoint, String state, boolean startedBySession,
                           String note, String lastError) {

        static UnitView of(UnitEndpoint unit) {
            return new UnitView(unit.id(), unit.host(), unit.endpoint(), unit.state(), unit.startedBySession(),
                    unit.note(), unit.lastError());
        }
    }

    public static SessionView of(Snapshot snapshot) {
        ClientSession s = snapshot.session();
        return new SessionView(s.getId(), s.getUserName(), s.getClientAddress(), s.getOpenedAt(), s.getLastSeen(),
                snapshot.expiresAt(), s.isLive(), s.getEndedAt(), s.getEndReason(), snapshot.ready(),
                snapshot.settled(), snapshot.units().stream().map(UnitView::of).toList(), snapshot.files());
    }
}
