package dev.berth.web.console;

import dev.berth.audit.boundary.AuditQuery;
import dev.berth.audit.boundary.AuditRecords;
import dev.berth.audit.entity.AuditRecord;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.web.audit.AuditCsv;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.StreamedContent;

/**
 * The audit trail for admins: filtered by user, unit, action (or its beginning), outcome and time range (UTC), a
 * page at a time from the database, newest first; exported as CSV with the same filters, as {@code GET
 * /api/audit.csv} does.
 */
@Named
@ViewScoped
public class AuditPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    AuditRecords records;

    @Inject
    ConsoleSession session;

    private String user;
    private Long unit;
    private String action;
    private Outcome outcome;
    private LocalDateTime from;
    private LocalDateTime to;
    private final LazyDataModel<AuditRecord> model = new Model();

    private class Model extends LazyDataModel<AuditRecord> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            AuditQuery query = query();
            return query == null ? 0 : Math.toIntExact(records.count(query, session.actor()));
        }

        @Override
        public List<AuditRecord> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                      Map<String, FilterMeta> filterBy) {
            AuditQuery query = query();
            return query == null ? List.of() : records.search(query, first, pageSize, session.actor());
        }

        @Override
        public String getRowKey(AuditRecord record) {
            return String.valueOf(record.getId());
        }
    }

    /** The filters as a query; null (and a message) when they contradict each other. */
    AuditQuery query() {
        try {
            return new AuditQuery(user, unit, action, outcome, utc(from), utc(to));
        } catch (BerthException refusal) {
            FieldMessages.show(FacesContext.getCurrentInstance(), refusal, FieldMessages.ordered(
                    "the time range", "audit:to"));
            return null;
        }
    }

    private static Instant utc(LocalDateTime time) {
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    /** Shows the first page of what the filters find. */
    public void search() {
        if (FacesContext.getCurrentInstance().getViewRoot().findComponent("audit:table") instanceof DataTable table) {
            table.setFirst(0);
        }
    }

    public LazyDataModel<AuditRecord> getModel() {
        return model;
    }

    /** The same records as CSV, written while the browser downloads them. */
    public StreamedContent getCsv() {
        AuditQuery query = query();
        Actor actor = session.actor();
        return DefaultStreamedContent.builder().name("berth-audit.csv").contentType("text/csv;charset=UTF-8")
                .writer(out -> {
                    try {
                        AuditCsv.write(records, query == null ? AuditQuery.ALL : query, actor,
                                new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).build();
    }

    /** {@code GET /api/audit.csv} with these filters, for a script (HTTP Basic). */
    public String getApiLink() {
        List<String> params = new ArrayList<>();
        add(params, "user", user);
        add(params, "unit", unit == null ? null : unit.toString());
        add(params, "action", action);
        add(params, "outcome", outcome == null ? null : outcome.name());
        add(params, "from", from == null ? null : utc(from).toString());
        add(params, "to", to == null ? null : utc(to).toString());
        return "/api/audit.csv" + (params.isEmpty() ? "" : "?" + String.join("&", params));
    }

    private static void add(List<String> params, String name, String value) {
        if (value != null && !value.isBlank()) {
            params.add(name + "=" + URLEncoder.encode(value.trim(), StandardCharsets.UTF_8));
        }
    }

    public List<Outcome> getOutcomes() {
        return List.of(Outcome.values());
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public Long getUnit() {
        return unit;
    }

    public void setUnit(Long unit) {
        this.unit = unit;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    public void setOutcome(Outcome outcome) {
        this.outcome = outcome;
    }

    public LocalDateTime getFrom() {
        return from;
    }

    public void setFrom(LocalDateTime from) {
        this.from = from;
    }

    public LocalDateTime getTo() {
        return to;
    }

    public void setTo(LocalDateTime to) {
        this.to = to;
    }
}
