package dev.berth.images.boundary;

import dev.berth.commands.entity.Command;
import dev.berth.commands.entity.CommandState;
import dev.berth.hosts.boundary.Hosts;
import dev.berth.hosts.entity.Host;
import dev.berth.images.control.AgentKeys;
import dev.berth.images.control.LoadDispatch;
import dev.berth.images.control.UploadFiles;
import dev.berth.images.control.UploadFiles.Stored;
import dev.berth.images.entity.HostLoad;
import dev.berth.images.entity.ImageUpload;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.protocol.DownloadProof;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Loading image tars onto hosts, as the guide's {@code docker load -i esproc.tar}: an admin uploads the tar once,
 * each target host's agent fetches it from the manager and loads it, and the outcome is kept per host.
 */
@Stateless
public class Images {

    /** The {@code host} value that targets every known host. */
    public static final String ALL_HOSTS = "all";

    @PersistenceContext
    EntityManager em;

    @EJB
    Hosts hosts;

    @EJB
    LoadDispatch dispatch;

    @Inject
    UploadFiles files;

    @Inject
    AgentKeys agentKeys;

    /**
     * An upload and the commands it made.
     *
     * @param upload   the upload's id, for {@link #loads}
     * @param commands one per target host (FAILED at once for a host that is OFFLINE)
     */
    public record Accepted(String upload, List<Command> commands) {
    }

    /**
     * Streams the tar to disk, then records the upload and sends one load command per target host. Outside a
     * transaction while streaming: a large upload must not hold one open; the recording is one transaction.
     *
     * @param target a host's name, or {@link #ALL_HOSTS}
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Accepted load(InputStream tar, String target, Actor actor) {
        List<String> targets = targets(target);
        Stored stored = files.receive(tar);
        try {
            return new Accepted(stored.id(), dispatch.dispatch(stored, target.trim(), targets, actor));
        } catch (RuntimeException e) {
            files.remove(stored.id());
            throw e;
        }
    }

    /** How the load of {@code upload} went on each of its hosts. */
    public List<HostLoad> loads(String upload, Actor actor) {
        if (em.find(ImageUpload.class, upload) == null) {
            throw BerthException.notFound("no image upload with id " + upload);
        }
        return em.createNamedQuery(Command.OF_UPLOAD, Command.class).setParameter("upload", upload)
                .getResultStream().map(HostLoad::of).toList();
    }

    /**
     * The tar of {@code upload}, for the agent of {@code host} with its {@link DownloadProof}. Agents have no API
     * login; the proof serves this one upload for a host it is still loading on, until the upload expires.
     */
    public Path download(String upload, String host, String proof) {
        ImageUpload found = em.find(ImageUpload.class, upload);
        boolean loading = found != null && host != null && em.createNamedQuery(Command.OF_UPLOAD, Command.class)
                .setParameter("upload", upload).getResultStream()
                .anyMatch(c -> c.getHostName().equals(host) && c.getState() == CommandState.PENDING);
        if (!loading || !found.isOpen() || !agentKeys.proves(host, proof)) {
            throw BerthException.forbidden("no image upload " + upload + " for this agent: send the headers "
                    + DownloadProof.HOST_HEADER + " and " + DownloadProof.PROOF_HEADER + " of the agent of a host"
                    + " still loading it; the proof is wrong, the upload has expired or is finished, or the host"
                    + " is no target of it. Upload the image again");
        }
        Path file = files.file(upload);
        if (!Files.isRegularFile(file)) {
            throw BerthException.notFound("the tar of image upload " + upload + " is gone; upload it again");
        }
        return file;
    }

    /** Every two seconds: removes the tars no host still needs (every load answered, or the upload expired). */
    @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
    void removeSpentFiles() {
        List<ImageUpload> spent = em.createNamedQuery(ImageUpload.SPENT, ImageUpload.class)
                .setParameter("now", Instant.now())
                .setParameter("pending", CommandState.PENDING)
                .getResultList();
        for (ImageUpload upload : spent) {
            files.remove(upload.getId());
            upload.fileRemoved();
        }
    }

    private List<String> targets(String target) {
        if (target == null || target.isBlank()) {
            throw BerthException.invalid("say where to load the image: ?host=<name> for one host, ?host=all for"
                    + " every host (GET /api/hosts lists them)");
        }
        if (ALL_HOSTS.equals(target.trim())) {
            List<String> all = hosts.all().stream().map(Host::getName).toList();
            if (all.isEmpty()) {
                throw BerthException.conflict("no host is registered yet; a host appears when its agent first"
                        + " reports");
            }
            return all;
        }
        return List.of(hosts.find(target.trim()).map(Host::getName).orElseThrow(() -> BerthException.notFound(
                "no host named '" + target.trim() + "'; GET /api/hosts lists the hosts, or use host=all")));
    }
}
