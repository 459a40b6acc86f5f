package dev.berth.configs.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.configs.control.Endpoint;
import dev.berth.configs.control.EsprocFiles;
import dev.berth.configs.entity.ConfigFile;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.units.entity.Unit;
import dev.berth.users.boundary.UserRemoval;
import dev.berth.users.boundary.Users;
import dev.berth.users.entity.AppUser;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A user's {@code raqsoftConfig.xml} and {@code unitServer.xml}. Each is generated from the database unless an admin
 * edited it; reverting an edit goes back to the generated file. A changed file reaches the user's units at their
 * next start (the agent writes it into the home, and the changed config hash recreates the container).
 */
@Stateless
public class UserConfigs {

    /**
     * One file as the API shows it.
     *
     * @param edited    false: generated from the database at every start
     * @param updatedBy who edited it; null when generated
     */
    public record File(String user, String name, String content, boolean edited, String updatedBy,
                       Instant updatedAt) {
    }

    @PersistenceContext
    EntityManager em;

    @EJB
    Users users;

    @Inject
    AuditTrail audit;

    /** Both files of the user; the user may read their own, an admin anyone's. */
    public List<File> all(String user, Actor actor) {
        AppUser owner = users.get(user, actor);
        Map<String, ConfigFile> edited = edited(owner);
        return EsprocFiles.NAMES.stream().map(name -> file(owner, name, edited)).toList();
    }

    public File get(String user, String fileName, Actor actor) {
        AppUser owner = users.get(user, actor);
        requireKnown(fileName);
        return file(owner, fileName, edited(owner));
    }

    /** Replaces a file with an admin's version, once esProc would accept it. */
    public File edit(String user, String fileName, String content, Actor actor) {
        AppUser owner = users.get(user, actor);
        EsprocFiles.check(fileName, content, endpoints(owner));
        ConfigFile existing = edited(owner).get(fileName);
        if (existing != null) {
            existing.edit(content, actor.name());
        } else {
            em.persist(new ConfigFile(owner, fileName, content, actor.name()));
        }
        audit.user(actor, "config.edit", user, Outcome.SUCCEEDED, fileName + " (" + content.length()
                + " characters); applied at the next start of each unit");
        return file(owner, fileName, edited(owner));
    }

    /** Drops an admin's version: the file is generated again. */
    public File revert(String user, String fileName, Actor actor) {
        AppUser owner = users.get(user, actor);
        requireKnown(fileName);
        ConfigFile edit = edited(owner).get(fileName);
        if (edit != null) {
            em.remove(edit);
            audit.user(actor, "config.revert", user, Outcome.SUCCEEDED, fileName + " is generated again");
        }
        return file(owner, fileName, Map.of());
    }

    /** What a start of one of the user's units sends to the agent, by file name. */
    public Map<String, String> forStart(AppUser owner) {
        Map<String, ConfigFile> edited = edited(owner);
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : EsprocFiles.NAMES) {
            files.put(name, file(owner, name, edited).content());
        }
        return files;
    }

    /**
     * The files an esProc client of the user needs, by file name: a {@code raqsoftConfig.xml} whose JDBC section lists
     * the user's units, and the user's {@code unitServer.xml} (the node list, as the units have it).
     */
    public Map<String, String> forClient(AppUser owner) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(EsprocFiles.RAQSOFT_CONFIG, EsprocFiles.clientRaqsoftConfig(endpoints(owner)));
        files.put(EsprocFiles.UNIT_SERVER, file(owner, EsprocFiles.UNIT_SERVER, edited(owner)).content());
        return files;
    }

    private File file(AppUser owner, String fileName, Map<String, ConfigFile> edited) {
        return Optional.ofNullable(edited.get(fileName))
                .map(f -> new File(owner.getName(), fileName, f.getContent(), true, f.getUpdatedBy(), f.getUpdatedAt()))
                .orElseGet(() -> new File(owner.getName(), fileName, generated(owner, fileName), false, null, null));
    }

    private String generated(AppUser owner, String fileName) {
        return fileName.equals(EsprocFiles.RAQSOFT_CONFIG) ? EsprocFiles.raqsoftConfig(owner.getCpuShares())
                : EsprocFiles.unitServer(endpoints(owner), owner.getCpuShares());
    }

    /** A deleted user's edited files go with them. */
    public void removeFilesOf(@Observes UserRemoval removal) {
        users.find(removal.user()).ifPresent(owner -> edited(owner).values().forEach(em::remove));
    }

    /** The user's edited files by name, in one query. */
    private Map<String, ConfigFile> edited(AppUser owner) {
        return em.createNamedQuery(ConfigFile.OF_OWNER, ConfigFile.class).setParameter("owner", owner)
                .getResultStream().collect(Collectors.toMap(ConfigFile::getFileName, f -> f));
    }

    private List<Endpoint> endpoints(AppUser owner) {
        return em.createNamedQuery(Unit.OF_OWNER, Unit.class).setParameter("owner", owner.getName())
                .getResultStream().map(u -> new Endpoint(u.getHost().getAddress(), u.getPort())).toList();
    }

    private static void requireKnown(String fileName) {
        if (!EsprocFiles.NAMES.contains(fileName)) {
            throw BerthException.notFound("no configuration file '" + fileName + "'; a user has "
                    + EsprocFiles.NAMES);
        }
    }
}
