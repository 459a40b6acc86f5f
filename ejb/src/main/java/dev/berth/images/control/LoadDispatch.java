package dev.berth.images.control;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.commands.control.CommandPublisher;
import dev.berth.commands.entity.Command;
import dev.berth.hosts.entity.Host;
import dev.berth.images.control.UploadFiles.Stored;
import dev.berth.images.entity.ImageUpload;
import dev.berth.platform.control.ManagerConfig;
import dev.berth.platform.entity.Actor;
import dev.berth.protocol.ImageDownload;
import dev.berth.protocol.LoadImage;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Records an upload and sends one LOAD_IMAGE command per target host, in one transaction: the upload row, the
 * command rows, the audit records and the JMS sends commit together. A host that is OFFLINE gets its command
 * FAILED at once, with the reason; the others proceed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class LoadDispatch {

    @Inject
    ManagerConfig config;

    @PersistenceContext
    EntityManager em;

    @Inject
    CommandPublisher publisher;

    @Inject
    AuditTrail audit;

    public List<Command> dispatch(Stored tar, String target, List<String> hostNames, Actor actor) {
        Duration timeout = config.commandTimeout();
        // the upload outlives the command by as much again: a load that started just before expiry may still fetch
        em.persist(new ImageUpload(tar.id(), actor.name(), target, tar.sha256(), tar.size(),
                timeout.multipliedBy(2)));
        // no secret in the message: each agent proves itself with its own key (DownloadProof)
        ImageDownload download = new ImageDownload(tar.id(), "/api/image-uploads/" + tar.id(), tar.sha256(),
                tar.size());
        String what = "upload " + tar.id() + " (" + tar.size() + " bytes, sha256 " + tar.sha256() + ")";
        List<Command> commands = new ArrayList<>();
        for (String name : hostNames) {
            Host host = em.createNamedQuery(Host.BY_NAME, Host.class).setParameter("name", name).getSingleResult();
            Command command = Command.imageLoad(tar.id(), name, actor.name());
            em.persist(command);
            commands.add(command);
            if (!host.isOnline()) {
                command.failed("host " + name + " is OFFLINE (last heard " + host.getLastSeen() + "); load the"
                        + " image there once its agent runs again");
                audit.host(actor, "image.load", name, Outcome.FAILED, what + ": " + command.getResult());
                continue;
            }
            publisher.send(name, new LoadImage(command.getId(), download), timeout);
            audit.host(actor, "image.load", name, Outcome.ACCEPTED, what + ": command " + command.getId()
                    + " sent");
        }
        return commands;
    }
}
