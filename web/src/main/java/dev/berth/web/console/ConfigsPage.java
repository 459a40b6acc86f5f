package dev.berth.web.console;

import dev.berth.configs.boundary.UserConfigs;
import dev.berth.configs.control.EsprocFiles;
import dev.berth.platform.entity.BerthException;
import dev.berth.users.boundary.Users;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * A user's esProc files ({@code raqsoftConfig.xml}, {@code unitServer.xml}): a user reads their own and their
 * history, an admin picks a user and edits theirs (the boundary decides both). A save is checked by the boundary as
 * esProc would read the file; its refusal (with the line) is shown at the editor. Every save is a numbered version:
 * the page lists them, shows what saving one again would change (a line diff against the file now), and an admin
 * saves one again.
 */
@Named
@ViewScoped
public class ConfigsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    UserConfigs configs;

    @EJB
    Users users;

    @Inject
    ConsoleSession session;

    private String user;
    private String fileName = EsprocFiles.RAQSOFT_CONFIG;
    private String content;
    private transient FileShown shown;
    private transient List<VersionRow> versions;
    private Integer compared;
    private transient List<DiffLine> diff;

    /** The page's first request: the caller's own files unless an admin named a user. */
    public void load() {
        if (user == null || user.isBlank() || !session.isAdmin()) {
            user = session.getName();
        }
        show();
    }

    /** Reads the chosen file of the chosen user again, dropping what the editor held. */
    public void show() {
        versions = null;
        compared = null;
        diff = null;
        try {
            UserConfigs.File file = configs.get(user, fileName, session.actor());
            shown = new FileShown(file.edited(), file.updatedBy(), file.updatedAt());
            content = file.content();
        } catch (BerthException e) {
            shown = null;
            content = null;
            error(null, e);
        }
    }

    /** Saves the editor's text as the file, once the boundary finds that esProc would take it. */
    public void save() {
        try {
            configs.edit(user, fileName, content == null ? "" : content, session.actor());
            info(fileName + " of " + user + " saved", "It reaches each of " + user + "'s units at its next start.");
            show();
        } catch (BerthException e) {
            error("configForm:content", e);
        }
    }

    /** Drops the edited file: Berth generates it from the database again. */
    public void generateAgain() {
        try {
            configs.revert(user, fileName, session.actor());
            info(fileName + " of " + user + " is generated again", "From the user's units and CPU share, at every"
                    + " start.");
            show();
        } catch (BerthException e) {
            error(null, e);
        }
    }

    /** The file's saved versions, newest first. */
    public List<VersionRow> getVersions() {
        if (versions == null && shown != null) {
            try {
                versions = configs.versions(user, fileName, session.actor()).stream().map(VersionRow::new).toList();
            } catch (BerthException e) {
                versions = List.of();
                error(null, e);
            }
        }
        return versions == null ? List.of() : versions;
    }

    /** Shows what saving version {@code number} again would change in the file as it is now. */
    public void compare(int number) {
        try {
            String unified = configs.diff(user, fileName, number, null, session.actor());
            compared = number;
            diff = unified.isEmpty() ? List.of() : unified.lines().map(DiffLine::new).toList();
        } catch (BerthException e) {
            error(null, e);
        }
    }

    /** Saves version {@code number} again, as the file's newest version, once esProc would still take it. */
    public void revertTo(int number) {
        try {
            configs.revertTo(user, fileName, number, session.actor());
            info(fileName + " of " + user + ": version " + number + " saved again", "It reaches each of " + user
                    + "'s units at its next start.");
            show();
        } catch (BerthException e) {
            error(null, e);
        }
    }

    public Integer getCompared() {
        return compared;
    }

    public List<DiffLine> getDiff() {
        return diff;
    }

    /** Users whose name or alias holds {@code text}, for an admin's user field: a page of them, never all. */
    public List<String> completeUser(String text) {
        return UserNames.matching(users, text, session);
    }

    public List<String> getFileNames() {
        return List.copyOf(EsprocFiles.NAMES);
    }

    public FileShown getShown() {
        return shown;
    }

    private static void info(String summary, String detail) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary,
                detail));
    }

    private static void error(String field, BerthException e) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(field, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
        faces.validationFailed();
    }

    /** What the page says about the file shown: edited (by whom, when) or generated. */
    public static final class FileShown {
        private final boolean edited;
        private final String description;

        FileShown(boolean edited, String updatedBy, Instant updatedAt) {
            this.edited = edited;
            this.description = edited ? "edited by " + updatedBy + " at " + Times.of(updatedAt)
                    : "generated from the user's units and CPU share at every start";
        }

        public boolean isEdited() {
            return edited;
        }

        public String getDescription() {
            return description;
        }
    }

    /** One saved version as the history table shows it. */
    public static final class VersionRow {
        private final int number;
        private final String summary;
        private final String createdBy;
        private final String createdAt;

        VersionRow(UserConfigs.Version version) {
            this.number = version.number();
            this.summary = version.summary();
            this.createdBy = version.createdBy();
            this.createdAt = Times.of(version.createdAt());
        }

        public int getNumber() {
            return number;
        }

        public String getSummary() {
            return summary;
        }

        public String getCreatedBy() {
            return createdBy;
        }

        public String getCreatedAt() {
            return createdAt;
        }
    }

    /** One line of a unified diff, with its kind for the page's colours. */
    public static final class DiffLine {
        private final String text;
        private final String kind;

        DiffLine(String text) {
            this.text = text;
            this.kind = text.startsWith("+++") || text.startsWith("---") ? "file"
                    : text.startsWith("@@") ? "hunk"
                    : text.startsWith("+") ? "added"
                    : text.startsWith("-") ? "removed" : "same";
        }

        public String getText() {
            return text;
        }

        public String getKind() {
            return kind;
        }
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getFileName() {
        return fileName;
    }

    public void setFileName(String fileName) {
        this.fileName = fileName;
    }

    public String getContent() {
        return content;
    }

    public void setContent(String content) {
        this.content = content;
    }
}
