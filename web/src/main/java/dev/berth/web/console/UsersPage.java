package dev.berth.web.console;

import dev.berth.platform.entity.BerthException;
import dev.berth.units.boundary.UnitOverview;
import dev.berth.users.boundary.UserChange;
import dev.berth.users.boundary.UserQuery;
import dev.berth.users.boundary.Users;
import dev.berth.users.boundary.Users.NewUser;
import dev.berth.users.boundary.Users.PasswordChange;
import dev.berth.users.entity.AppUser;
import dev.berth.users.entity.Role;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * The admin's user list: a lazy table (each page a query of its own, filtered and sorted in the database), and the
 * dialogs to create or change a user, reset a password, disable or enable, and delete.
 */
@Named
@ViewScoped
public class UsersPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The beginnings of the users boundary's messages, and the dialog's field each is about. */
    static final Map<String, String> FIELDS = fields("userForm", "name", "alias", "password", "memory", "cpuShares",
            "home", "maxUnits", "maxMemory", "disk", "allowedClients");

    /** One user as a row of the table (getters, not a record: Jakarta EL 5 reads properties through getters). */
    public static final class Row implements Serializable {

        private static final long serialVersionUID = 1L;

        private final String name;
        private final String alias;
        private final Role role;
        private final String memory;
        private final int cpuShares;
        private final Integer maxUnits;
        private final String maxMemory;
        private final boolean disabled;
        private final boolean fromDirectory;
        private final Instant createdAt;

        Row(AppUser u) {
            this.name = u.getName();
            this.alias = u.getAlias();
            this.role = u.getRole();
            this.memory = u.getMemory();
            this.cpuShares = u.getCpuShares();
            this.maxUnits = u.getMaxUnits();
            this.maxMemory = u.getMaxMemory();
            this.disabled = u.isDisabled();
            this.fromDirectory = u.isFromDirectory();
            this.createdAt = u.getCreatedAt();
        }

        /** Whether the user logs in through the directory (no password in Berth: none to reset). */
        public boolean isFromDirectory() {
            return fromDirectory;
        }

        public String getName() {
            return name;
        }

        public String getAlias() {
            return alias;
        }

        public Role getRole() {
            return role;
        }

        public boolean isAdmin() {
            return role == Role.ADMIN;
        }

        public String getMemory() {
            return memory;
        }

        public int getCpuShares() {
            return cpuShares;
        }

        public Integer getMaxUnits() {
            return maxUnits;
        }

        public String getMaxMemory() {
            return maxMemory;
        }

        public boolean isDisabled() {
            return disabled;
        }

        public Instant getCreatedAt() {
            return createdAt;
        }
    }

    @EJB
    Users users;

    @EJB
    UnitOverview units;

    @Inject
    ConsoleSession session;

    private final LazyDataModel<Row> model = new Model();
    private final Form form = new Form();
    /** Whom the password, delete and state dialogs are about. */
    private String selected;
    private String newPassword;

    /** The table's data: one query per page, with the table's filters and sort. */
    private class Model extends LazyDataModel<Row> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return Math.toIntExact(users.count(query(filterBy, Map.of()), session.actor()));
        }

        @Override
        public List<Row> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            return users.search(query(filterBy, sortBy), first, pageSize, session.actor()).stream().map(Row::new)
                    .toList();
        }

        @Override
        public String getRowKey(Row row) {
            return row.getName();
        }

        @Override
        public Row getRowData(String key) {
            return users.find(key).map(Row::new).orElse(null);
        }
    }

    static UserQuery query(Map<String, FilterMeta> filterBy, Map<String, SortMeta> sortBy) {
        String text = text(filterBy.get(FilterMeta.GLOBAL_FILTER_KEY));
        String role = text(filterBy.get("role"));
        String state = text(filterBy.get("disabled"));
        SortMeta sort = sortBy.values().stream().findFirst().orElse(null);
        String field = sort == null ? null : sort.getField();
        return new UserQuery(text, role == null ? null : Role.valueOf(role),
                state == null ? null : Boolean.valueOf(state),
                "memoryBytes".equals(field) ? "memory" : field, sort != null && sort.getOrder() == SortOrder.DESCENDING);
    }

    private static String text(FilterMeta filter) {
        Object value = filter == null ? null : filter.getFilterValue();
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /** What the create and change dialog holds. */
    public static class Form implements Serializable {

        private static final long serialVersionUID = 1L;

        private boolean creating = true;
        private String name;
        private String alias;
        private String password;
        private String memory = "500m";
        private Integer cpuShares = 1024;
        private String home;
        private Integer maxUnits;
        private String maxMemory;
        private String disk;
        private String allowedClients;

        public boolean isCreating() {
            return creating;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getAlias() {
            return alias;
        }

        public void setAlias(String alias) {
            this.alias = alias;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getMemory() {
            return memory;
        }

        public void setMemory(String memory) {
            this.memory = memory;
        }

        public Integer getCpuShares() {
            return cpuShares;
        }

        public void setCpuShares(Integer cpuShares) {
            this.cpuShares = cpuShares;
        }

        public String getHome() {
            return home;
        }

        public void setHome(String home) {
            this.home = home;
        }

        public Integer getMaxUnits() {
            return maxUnits;
        }

        public void setMaxUnits(Integer maxUnits) {
            this.maxUnits = maxUnits;
        }

        public String getMaxMemory() {
            return maxMemory;
        }

        public void setMaxMemory(String maxMemory) {
            this.maxMemory = maxMemory;
        }

        public String getDisk() {
            return disk;
        }

        public void setDisk(String disk) {
            this.disk = disk;
        }

        public String getAllowedClients() {
            return allowedClients;
        }

        public void setAllowedClients(String allowedClients) {
            this.allowedClients = allowedClients;
        }

        /** The networks as a list; blank: null, the configured default. */
        List<String> networks() {
            return allowedClients == null || allowedClients.isBlank() ? null
                    : Arrays.stream(allowedClients.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
        }

        static String blankIsNull(String text) {
            return text == null || text.isBlank() ? null : text.trim();
        }
    }

    public LazyDataModel<Row> getModel() {
        return model;
    }

    public Form getForm() {
        return form;
    }

    public List<Role> getRoles() {
        return List.of(Role.values());
    }

    /** Opens the dialog for a new user. */
    public void prepareCreate() {
        form.creating = true;
        form.name = null;
        form.alias = null;
        form.password = null;
        form.memory = "500m";
        form.cpuShares = 1024;
        form.home = null;
        form.maxUnits = null;
        form.maxMemory = null;
        form.disk = null;
        form.allowedClients = null;
    }

    /** Opens the dialog with {@code name}'s settings. */
    public void prepareEdit(String name) {
        AppUser user = users.get(name, session.actor());
        form.creating = false;
        form.name = user.getName();
        form.alias = user.getAlias();
        form.password = null;
        form.memory = user.getMemory();
        form.cpuShares = user.getCpuShares();
        form.home = user.getHome();
        form.maxUnits = user.getMaxUnits();
        form.maxMemory = user.getMaxMemory();
        form.disk = user.getDisk().map(d -> d.text()).orElse(null);
        form.allowedClients = user.getAllowedClients().map(list -> String.join(", ", list)).orElse(null);
    }

    /** Creates or changes the user; a refusal goes to its field and the dialog stays open. */
    public void save() {
        try {
            if (form.creating) {
                users.create(new NewUser(Form.blankIsNull(form.name), form.alias, form.password, form.memory,
                        form.cpuShares, Form.blankIsNull(form.home), form.maxUnits, Form.blankIsNull(form.maxMemory),
                        form.networks(), Form.blankIsNull(form.disk)), session.actor());
                FieldMessages.info(FacesContext.getCurrentInstance(), "User " + form.name.trim() + " created.");
            } else {
                users.change(form.name, new UserChange(form.alias, form.memory, form.cpuShares, form.maxUnits,
                        Form.blankIsNull(form.maxMemory), Form.blankIsNull(form.disk), form.networks()),
                        session.actor());
                FieldMessages.info(FacesContext.getCurrentInstance(), "User " + form.name + " changed; running units take it at their next"
                        + " start.");
            }
        } catch (BerthException refusal) {
            FieldMessages.show(FacesContext.getCurrentInstance(), refusal, FIELDS);
        }
    }

    public String getSelected() {
        return selected;
    }

    /** Chooses the user the next dialog is about. */
    public void select(String name) {
        this.selected = name;
        this.newPassword = null;
    }

    /** The selected user's units, which a delete would leave without an owner: while there are any, it is refused. */
    public List<String> getSelectedUnits() {
        return selected == null ? List.of() : units.ofOwner(selected).stream()
                .map(u -> "unit " + u.getId() + " on " + u.getHost().getName() + ":" + u.getPort() + " ("
                        + u.getState() + ")").toList();
    }

    public void delete() {
        try {
            users.delete(selected, session.actor());
            FieldMessages.info(FacesContext.getCurrentInstance(), "User " + selected + " deleted.");
        } catch (BerthException refusal) {
            FieldMessages.error(FacesContext.getCurrentInstance(), refusal.getMessage());
        }
    }

    public void disable(String name) {
        try {
            List<Long> stopped = users.disable(name, session.actor());
            FieldMessages.info(FacesContext.getCurrentInstance(), "User " + name + " disabled: their logins are refused"
                    + (stopped.isEmpty() ? "; no unit was running." : "; units stopped: " + stopped + "."));
        } catch (BerthException refusal) {
            FieldMessages.error(FacesContext.getCurrentInstance(), refusal.getMessage());
        }
    }

    public void enable(String name) {
        try {
            users.enable(name, session.actor());
            FieldMessages.info(FacesContext.getCurrentInstance(), "User " + name + " enabled; their units stay as they are.");
        } catch (BerthException refusal) {
            FieldMessages.error(FacesContext.getCurrentInstance(), refusal.getMessage());
        }
    }

    public String getNewPassword() {
        return newPassword;
    }

    public void setNewPassword(String newPassword) {
        this.newPassword = newPassword;
    }

    public void resetPassword() {
        try {
            users.changePassword(selected, new PasswordChange(null, newPassword), session.actor());
            FieldMessages.info(FacesContext.getCurrentInstance(), "Password of " + selected + " reset; any login lock of the name is lifted.");
        } catch (BerthException refusal) {
            FieldMessages.show(FacesContext.getCurrentInstance(), refusal, FieldMessages.ordered("the new password",
                    "passwordForm:newPassword", "to change your own", "passwordForm:newPassword"));
        }
    }

    private static Map<String, String> fields(String form, String... names) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String name : names) {
            fields.put(name, form + ":" + name);
        }
        fields.put("user", form + ":name");
        return fields;
    }
}
