package dev.berth.sessions.control;

import dev.berth.sessions.entity.ClientSession;
import dev.berth.units.control.SessionClients;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The address of the user's live session, if any, as a start and a new list of clients ask for it; joins the caller's
 * transaction, so a session opened in it is seen.
 */
@Dependent
public class LiveSessionClients implements SessionClients {

    @PersistenceContext
    EntityManager em;

    @Override
    public List<String> of(String owner) {
        return em.createNamedQuery(ClientSession.LIVE_OF_USER, ClientSession.class).setParameter("user", owner)
                .getResultStream().map(ClientSession::getClientAddress).toList();
    }
}
