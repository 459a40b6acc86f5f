package dev.berth.web.console;

import dev.berth.legacy.boundary.Imports;
import dev.berth.legacy.boundary.Imports.Kind;
import dev.berth.legacy.control.Change;
import dev.berth.legacy.control.ImportRefusedException;
import dev.berth.platform.entity.BerthException;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.primefaces.model.file.UploadedFile;

/**
 * Importing one of the guide's files, in two steps as {@code POST /api/import} offers them: upload and see what a
 * dry run would change (nothing is written), then apply that same file, all or nothing. A file with problems shows
 * every problem by line and cannot be applied.
 */
@Named
@ViewScoped
public class ImportPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The encoding an XML file declares in its first line. */
    private static final Pattern DECLARED = Pattern.compile("^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._-]+)");

    @EJB
    Imports imports;

    @Inject
    ConsoleSession session;

    private Kind kind = Kind.USERS;
    private String host;
    private String user;
    private transient UploadedFile file;
    private String fileName;
    private String xml;
    private List<Change> changes;
    private List<String> problems;
    private boolean applied;

    /** Reads the uploaded file and shows what importing it would change. */
    public void dryRun() {
        FacesContext faces = FacesContext.getCurrentInstance();
        applied = false;
        changes = null;
        problems = null;
        if (file == null || file.getSize() == 0) {
            FieldMessages.error(faces, "choose the file to import first");
            return;
        }
        fileName = file.getFileName();
        xml = text(file.getContent());
        try {
            changes = imports.plan(request(), session.actor());
            FieldMessages.info(faces, fileName + ": " + summary(changes) + ". Nothing is written until you apply it.");
        } catch (ImportRefusedException refusal) {
            problems = refusal.problems();
            FieldMessages.error(faces, refusal.getMessage());
        } catch (BerthException refusal) {
            FieldMessages.error(faces, refusal.getMessage());
        }
    }

    /** Imports the file of the dry run, all or nothing. */
    public void apply() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (xml == null || changes == null) {
            FieldMessages.error(faces, "make a dry run first: it shows what the import changes");
            return;
        }
        try {
            changes = imports.apply(request(), session.actor());
            applied = true;
            FieldMessages.info(faces, fileName + " imported: " + summary(changes) + ".");
        } catch (ImportRefusedException refusal) {
            problems = refusal.problems();
            changes = null;
            FieldMessages.error(faces, refusal.getMessage());
        } catch (BerthException refusal) {
            FieldMessages.error(faces, refusal.getMessage());
        }
    }

    private Imports.Request request() {
        return new Imports.Request(kind, xml, blankIsNull(host), blankIsNull(user));
    }

    /** "2 create, 1 unchanged". */
    static String summary(List<Change> changes) {
        Map<String, Long> counts = changes.stream()
                .collect(Collectors.groupingBy(Change::action, TreeMap::new, Collectors.counting()));
        return counts.isEmpty() ? "nothing in the file" : counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    /** The file's text in the encoding its XML declaration names, else UTF-8 (what the guide's files declare). */
    static String text(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 200), StandardCharsets.ISO_8859_1);
        Matcher declared = DECLARED.matcher(head);
        Charset charset = StandardCharsets.UTF_8;
        if (declared.find()) {
            try {
                charset = Charset.forName(declared.group(1));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
                // the reader reports the declaration's problem with its line
            }
        }
        return new String(content, charset);
    }

    private static String blankIsNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    public List<Kind> getKinds() {
        return List.of(Kind.values());
    }

    /** The guide's name of the file of {@code kind}, e.g. docker_user.xml. */
    public String fileOf(Kind kind) {
        return kind.file;
    }

    public Kind getKind() {
        return kind;
    }

    public void setKind(Kind kind) {
        this.kind = kind;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public UploadedFile getFile() {
        return file;
    }

    public void setFile(UploadedFile file) {
        this.file = file;
    }

    public String getFileName() {
        return fileName;
    }

    /** The dry run's changes, or after applying the import's; null before a dry run. */
    public List<Change> getChanges() {
        return changes;
    }

    /** The file's problems by line, when it was refused. */
    public List<String> getProblems() {
        return problems;
    }

    public boolean isApplied() {
        return applied;
    }

    /** Whether the dry run's file may be applied now. */
    public boolean isApplicable() {
        return changes != null && !applied;
    }
}
