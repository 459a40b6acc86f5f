package dev.berth.agent.isolation.control;

import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.protocol.ContainerSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The directories a unit's container is made from, prepared so that nothing a unit wrote can send the agent or
 * Docker elsewhere on the host.
 * <ul>
 * <li>The home is mounted once, at {@code /app}; nothing below it is ever a mount source (Docker follows links in a
 * source path at every start). The agent only makes {@code config/}, {@code data/} and {@code demo/} in it with
 * {@code mkdir}, which never follows a link, and changes the owner of what it made without following links.</li>
 * <li>The configuration files are written into a directory of the agent's own, which no unit can write to, and
 * mounted read-only over {@code /app/config}: the agent never reads or writes a file in a home.</li>
 * <li>Whatever a unit left in place of {@code config/} (a link, a FIFO, a file) is removed (a link is removed, never
 * followed) so that the read-only directory can be mounted there.</li>
 * </ul>
 */
@ApplicationScoped
public class UnitFiles {

    static final List<String> HOME_DIRECTORIES = List.of("config", "data", "demo");

    @Inject
    AgentConfiguration config;

    @Inject
    HomeDisks disks;

    /**
     * Makes the user's home ready and owned by the user's uid, without following anything a unit could have linked.
     *
     * @return the home's real path, the one to mount
     * @throws IOException naming what is wrong, e.g. a home that is itself a link
     */
    public Path prepareHome(ContainerSpec spec) throws IOException {
        Path given = Path.of(spec.home()).toAbsolutePath().normalize();
        int owner = config.usernsUidOffset() + spec.uid();
        if (!Files.exists(given, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(given);
            Files.setPosixFilePermissions(given, PosixFilePermissions.fromString("rwxr-x---"));
        }
        BasicFileAttributes found = attributes(given);
        if (found == null || !found.isDirectory()) {
            throw new IOException("the home " + given + " is " + (found != null && found.isSymbolicLink()
                    ? "a link" : "no directory") + "; a home is mounted only when it is a plain directory: replace it"
                    + " with one (its files are the user's)");
        }
        // the path as Docker will resolve it; the manager refuses homes inside other homes, so no unit controls a
        // directory above it
        Path home = given.toRealPath();
        disks.limit(home, owner, spec.diskBytes());
        chown(home, owner);
        for (String name : HOME_DIRECTORIES) {
            Path dir = home.resolve(name);
            BasicFileAttributes entry = attributes(dir);
            if (entry != null && !entry.isDirectory()) {
                if (!name.equals("config")) {
                    // data/ and demo/ are only ever reached inside the container: a link there points into it
                    continue;
                }
                Files.delete(dir);
            }
            try {
                Files.createDirectory(dir);
                chown(dir, owner);
            } catch (FileAlreadyExistsException made) {
                // there already (or made by a unit a moment ago): mkdir followed nothing either way
            }
        }
        return home;
    }

    /**
     * The path {@link #prepareHome} would give for the spec's home, found without changing anything: its real path
     * when it exists, else the path as given.
     */
    public Path homeAsMounted(ContainerSpec spec) {
        Path given = Path.of(spec.home()).toAbsolutePath().normalize();
        try {
            return given.toRealPath();
        } catch (IOException e) {
            return given;
        }
    }

    /**
     * Writes the configuration files of a start into the unit's own directory, which is mounted read-only at
     * {@code /app/config}; files of an earlier start that are no longer sent go.
     *
     * @return the directory
     */
    public Path writeConfig(long unitId, ContainerSpec spec) throws IOException {
        Path dir = configDir(unitId);
        Files.createDirectories(dir);
        // only the agent reaches in; Docker mounts the unit's directory itself, readable by the unit's uid
        Files.setPosixFilePermissions(config.unitFilesDir(), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (Map.Entry<String, String> file : spec.files().entrySet()) {
            if (!ContainerSpec.isPlainFileName(file.getKey())) {
                throw new IOException("'" + file.getKey() + "' is no plain file name");
            }
            Path target = dir.resolve(file.getKey());
            Path temporary = Files.createTempFile(dir, "." + file.getKey(), ".tmp");
            try {
                Files.write(temporary, file.getValue().getBytes(StandardCharsets.UTF_8));
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        try (Stream<Path> present = Files.list(dir)) {
            for (Path stale : present.filter(p -> !spec.files().containsKey(p.getFileName().toString())).toList()) {
                Files.deleteIfExists(stale);
            }
        }
        return dir;
    }

    /** Removes the unit's configuration directory (the unit is deleted); the home stays. */
    public void forget(long unitId) throws IOException {
        Path dir = configDir(unitId).getParent();
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The directory a unit's configuration files are written to, mounted read-only at {@code /app/config}. */
    public Path configDir(long unitId) {
        return config.unitFilesDir().resolve(String.valueOf(unitId)).resolve("config");
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** lchown: the owner of the entry itself, never of what a link names. */
    private static void chown(Path path, int uid) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        Object current = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (current instanceof Integer owner && owner == uid) {
            return;
        }
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        view.setOwner(lookup.lookupPrincipalByName(String.valueOf(uid)));
        view.setGroup(lookup.lookupPrincipalByGroupName(String.valueOf(uid)));
    }
}
