package dev.berth.web.console;

import dev.berth.agents.boundary.DeadLetter;
import dev.berth.agents.boundary.DeadLetterQueue;
import dev.berth.platform.entity.BerthException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The admin's dead letters: what is in the DLQ and why; replaying one to its queue, discarding one. */
@Named
@RequestScoped
public class DeadLettersPage {

    @EJB
    DeadLetterQueue queue;

    @Inject
    ConsoleSession session;

    private List<DeadLetter> letters;

    public List<DeadLetter> getLetters() {
        if (letters == null) {
            letters = queue.list(session.actor());
        }
        return letters;
    }

    public void replay(String id) {
        try {
            DeadLetter replayed = queue.replay(id, session.actor());
            FieldMessages.info(FacesContext.getCurrentInstance(), "Dead letter " + id + " replayed to "
                    + replayed.origin() + ".");
        } catch (BerthException refusal) {
            FieldMessages.error(FacesContext.getCurrentInstance(), refusal.getMessage());
        }
        letters = null;
    }

    public void discard(String id) {
        try {
            queue.discard(id, session.actor());
            FieldMessages.info(FacesContext.getCurrentInstance(), "Dead letter " + id + " discarded.");
        } catch (BerthException refusal) {
            FieldMessages.error(FacesContext.getCurrentInstance(), refusal.getMessage());
        }
        letters = null;
    }
}
