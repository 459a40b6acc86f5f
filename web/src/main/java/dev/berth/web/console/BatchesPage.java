package dev.berth.web.console;

import dev.berth.batches.boundary.BatchView;
import dev.berth.batches.boundary.Batches;
import dev.berth.batches.control.BatchRequest;
import dev.berth.platform.entity.BerthException;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.primefaces.model.file.UploadedFile;

/**
 * The admin's batches: the recent ones with their counts, and a batch file sent as {@code POST /api/batches} takes
 * it (JSON, or the guide's docker_user.xml under an id typed in). A sent batch opens its own page, which follows it.
 */
@Named
@RequestScoped
public class BatchesPage {

    /** How many batches the list shows. */
    static final int RECENT = 50;

    @EJB
    Batches batches;

    @Inject
    ConsoleSession session;

    private UploadedFile file;
    private String batchId;
    private List<BatchView> recent;

    /** Sends the uploaded file as a batch and opens its page; a refusal is shown above the form. */
    public String submit() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (file == null || file.getSize() == 0) {
            FieldMessages.error(faces, "choose the batch file first (.json or .xml)");
            return null;
        }
        String id = batchId == null || batchId.isBlank() ? null : batchId.trim();
        try {
            Batches.Submitted submitted = batches.submit(request(file.getFileName(), file.getContent(), id),
                    session.actor(), Optional.empty());
            if (!submitted.created()) {
                FieldMessages.info(faces, "Batch " + submitted.view().batch() + " was sent before: nothing is applied"
                        + " again; this is what it did.");
                faces.getExternalContext().getFlash().setKeepMessages(true);
            }
            return "/console/admin/batch?faces-redirect=true&id=" + submitted.view().batch();
        } catch (BerthException refusal) {
            FieldMessages.error(faces, refusal.getMessage());
            return null;
        }
    }

    /**
     * The batch in a file: JSON (its own id, unless {@code id} is given) or docker_user.xml (under {@code id}, which it
     * needs), told by the file's extension, else by its first character.
     */
    static BatchRequest request(String name, byte[] content, String id) {
        if (isXml(name, content)) {
            if (id == null) {
                throw BerthException.invalid("give the batch of " + name + " an id (Batch id): an XML file names"
                        + " none");
            }
            return BatchRequest.ofDockerUserXml(id, ImportPage.text(content));
        }
        String json = new String(content, StandardCharsets.UTF_8);
        if (id == null) {
            return BatchRequest.parse(json);
        }
        JsonObject object;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            object = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw BerthException.invalid("the batch is no JSON object: " + e.getMessage());
        }
        return BatchRequest.of(Json.createObjectBuilder(object).add("batch", id).build());
    }

    private static boolean isXml(String name, byte[] content) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".xml")) {
            return true;
        }
        if (lower.endsWith(".json")) {
            return false;
        }
        String head = new String(content, 0, Math.min(content.length, 512), StandardCharsets.UTF_8)
                .replace("\uFEFF", "").stripLeading();
        return head.startsWith("<");
    }

    /** The newest batches, without their items. */
    public List<BatchView> getRecent() {
        if (recent == null) {
            recent = batches.list(RECENT, session.actor());
        }
        return recent;
    }

    public UploadedFile getFile() {
        return file;
    }

    public void setFile(UploadedFile file) {
        this.file = file;
    }

    public String getBatchId() {
        return batchId;
    }

    public void setBatchId(String batchId) {
        this.batchId = batchId;
    }
}
