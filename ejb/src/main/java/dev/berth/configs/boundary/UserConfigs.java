package dev.berth.configs.boundary;

import dev.berth.audit.control.AuditTrail;
import dev.berth.audit.entity.AuditRecord.Outcome;
import dev.berth.configs.control.Endpoint;
import dev.berth.configs.control.EsprocFiles;
import dev.berth.configs.control.LineDiff;
import dev.berth.configs.entity.ConfigFile;
import dev.berth.configs.entity.ConfigVersion;
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
import jakarta.persistence.PersistenceException;
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
 * <p>
 * Every save is kept as a numbered version of the file (an edit, a revert to the generated file, a revert to an older
 * version): its content, who saved it, when, and a line saying what it was. Versions are read like the files (the
 * user and admins), compared line by line, and an admin may save an older one again.
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

    /**
     * One saved version of a file.
     *
     * @param content null in lists
     */
    public record Version(String user, String name, int number, String summary, String createdBy, Instant createdAt,
                          String content) {
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

    /** Replaces a file with an admin's version, once esProc would accept it; saved as the file's next version. */
    public File edit(String user, String fileName, String content, Actor actor) {
        AppUser owner = users.get(user, actor);
        EsprocFiles.check(fileName, content, endpoints(owner));
        int number = save(owner, fileName, content, "edited", actor);
        audit.user(actor, "config.edit", user, Outcome.SUCCEEDED, fileName + " version " + number + " ("
                + content.length() + " characters); applied at the next start of each unit");
        return file(owner, fileName, edited(owner));
    }

    /** Drops an admin's version: the file is generated again, and what it generates now is kept as a version. */
    public File revert(String user, String fileName, Actor actor) {
        AppUser owner = users.get(user, actor);
        requireKnown(fileName);
        ConfigFile edit = edited(owner).get(fileName);
        if (edit != null) {
            String before = edit.getContent();
            em.remove(edit);
            String generated = generated(owner, fileName);
            int number = record(owner, fileName, generated, "generated again (" + changes(before, generated) + ")",
                    actor);
            audit.user(actor, "config.revert", user, Outcome.SUCCEEDED, fileName + " is generated again (version "
                    + number + ")");
        }
        return file(owner, fileName, Map.of());
    }

    /** The file's saved versions, newest first, without their content; for the user and admins. */
    public List<Version> versions(String user, String fileName, Actor actor) {
        AppUser owner = users.get(user, actor);
        requireKnown(fileName);
        return em.createNamedQuery(ConfigVersion.OF_FILE, ConfigVersion.class).setParameter("owner", owner)
                .setParameter("file", fileName).getResultStream().map(v -> version(owner, v, false)).toList();
    }

    /** One saved version with its content; for the user and admins. */
    public Version version(String user, String fileName, int number, Actor actor) {
        AppUser owner = users.get(user, actor);
        requireKnown(fileName);
        return version(owner, numbered(owner, fileName, number), true);
    }

    /**
     * A unified diff from {@code against} (a version's number; null: the file as it is now, edited or generated) to
     * version {@code number}: what saving that version again would change. Empty when their lines are the same.
     */
    public String diff(String user, String fileName, int number, Integer against, Actor actor) {
        AppUser owner = users.get(user, actor);
        requireKnown(fileName);
        ConfigVersion version = numbered(owner, fileName, number);
        String base = against == null ? file(owner, fileName, edited(owner)).content()
                : numbered(owner, fileName, against).getContent();
        String baseName = fileName + (against == null ? " (now)" : " (version " + against + ")");
        return LineDiff.of(base, version.getContent()).unified(baseName, fileName + " (version " + number + ")");
    }

    /**
     * Saves an older version's content again, as the file's next version, once esProc would still accept it (the
     * user's units may have changed since).
     */
    public File revertTo(String user, String fileName, int number, Actor actor) {
        AppUser owner = users.get(user, actor);
        requireKnown(fileName);
        String content = numbered(owner, fileName, number).getContent();
        EsprocFiles.check(fileName, content, endpoints(owner));
        int saved = save(owner, fileName, content, "reverted to version " + number, actor);
        audit.user(actor, "config.revert", user, Outcome.SUCCEEDED, fileName + ": version " + number + " saved again"
                + " as version " + saved + "; applied at the next start of each unit");
        return file(owner, fileName, edited(owner));
    }

    /** Stores {@code content} as the user's edited file and as its next version; returns that version's number. */
    private int save(AppUser owner, String fileName, String content, String what, Actor actor) {
        Map<String, ConfigFile> edited = edited(owner);
        String before = file(owner, fileName, edited).content();
        ConfigFile existing = edited.get(fileName);
        if (existing != null) {
            existing.edit(content, actor.name());
        } else {
            em.persist(new ConfigFile(owner, fileName, content, actor.name()));
        }
        return record(owner, fileName, content, what + " (" + changes(before, content) + ")", actor);
    }

    /** Keeps {@code content} as the file's next version; two saves at one moment: the second is refused. */
    private int record(AppUser owner, String fileName, String content, String summary, Actor actor) {
        Integer last = em.createNamedQuery(ConfigVersion.LAST_NUMBER, Integer.class).setParameter("owner", owner)
                .setParameter("file", fileName).getSingleResult();
        ConfigVersion version = new ConfigVersion(owner, fileName, last == null ? 0 : last, content, summary,
                actor.name());
        try {
            em.persist(version);
            em.flush();
        } catch (PersistenceException e) {
            throw BerthException.conflict("another save of " + owner.getName() + "'s " + fileName + " came at the"
                    + " same moment; read the file again, then save");
        }
        return version.getNumber();
    }

    private static String changes(String before, String after) {
        LineDiff diff = LineDiff.of(before, after);
        return diff.added() + diff.removed() == 0 ? "no line changed"
                : "+" + diff.added() + " -" + diff.removed() + " lines";
    }

    private ConfigVersion numbered(AppUser owner, String fileName, int number) {
        return em.createNamedQuery(ConfigVersion.NUMBERED, ConfigVersion.class).setParameter("owner", owner)
                .setParameter("file", fileName).setParameter("number", number).getResultStream().findFirst()
                .orElseThrow(() -> BerthException.notFound("no version " + number + " of " + owner.getName() + "'s "
                        + fileName + "; GET its versions for the numbers there are"));
    }

    private static Version version(AppUser owner, ConfigVersion v, boolean withContent) {
        return new Version(owner.getName(), v.getFileName(), v.getNumber(), v.getSummary(), v.getCreatedBy(),
                v.getCreatedAt(), withContent ? v.getContent() : null);
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

    /** A deleted user's edited files and their versions go with them. */
    public void removeFilesOf(@Observes UserRemoval removal) {
        users.find(removal.user()).ifPresent(owner -> {
            edited(owner).values().forEach(em::remove);
            em.createNamedQuery(ConfigVersion.DELETE_OF_OWNER).setParameter("owner", owner).executeUpdate();
        });
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
