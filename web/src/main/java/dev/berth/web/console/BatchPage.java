package dev.berth.web.console;

import dev.berth.batches.boundary.BatchView;
import dev.berth.batches.boundary.Batches;
import dev.berth.platform.entity.BerthException;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * One batch ({@code batch.xhtml?id=}): its progress and each item's outcome, as {@code GET /api/batches/{id}} gives
 * them, read again by the page's poll while the batch runs.
 */
@Named
@ViewScoped
public class BatchPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    Batches batches;

    @Inject
    ConsoleSession session;

    private String id;
    /** Not kept when the session is stored: the poll reads it again. */
    private transient BatchView view;
    private boolean known;

    /** Reads the batch named in the address; an unknown one is said at the top of the page. */
    public void load() {
        if (id == null || id.isBlank()) {
            FieldMessages.error(FacesContext.getCurrentInstance(), "say which batch: batch.xhtml?id=<batch>");
            return;
        }
        try {
            view = batches.view(id, session.actor());
            known = true;
        } catch (BerthException refusal) {
            FieldMessages.error(FacesContext.getCurrentInstance(), refusal.getMessage());
        }
    }

    /** The poll's read while the batch runs. */
    public void refresh() {
        if (known) {
            view = batches.view(id, session.actor());
        }
    }

    /** Whether the batch is known and some item is open: the page polls. */
    public boolean isRunning() {
        return known && !isDone();
    }

    /** Whether every item ended: the poll stops. */
    public boolean isDone() {
        return view != null && "DONE".equals(view.state());
    }

    /** Items ended of all, in whole percent; an empty batch is done. */
    public int getPercent() {
        return percent(view);
    }

    static int percent(BatchView view) {
        if (view == null) {
            return 0;
        }
        return view.total() == 0 ? 100 : (int) ((view.total() - view.pending()) * 100 / view.total());
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    /** The batch; null when it is unknown. */
    public BatchView getView() {
        return view;
    }
}
