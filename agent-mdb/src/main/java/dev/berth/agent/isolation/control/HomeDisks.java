package dev.berth.agent.isolation.control;

import com.github.dockerjava.api.DockerClient;
import dev.berth.agent.platform.AgentConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A size limit for each home, held by the file system: the home is an ext4 file system of its own, in a sparse image
 * file under the agent's data directory, loop-mounted at the home's path. A unit that fills its home gets "No space
 * left on device" and nothing else on the host runs short: the image never grows past the limit. A larger limit
 * grows the file system at a start when none of the user's units runs on the host; content a home had before it got
 * its own file system is copied in.
 * Where the kernel offers no loop devices (some containers), homes stay plain directories without a limit, and the
 * agent says so in its log.
 */
@ApplicationScoped
public class HomeDisks {

    private static final Logger LOG = Logger.getLogger(HomeDisks.class.getName());
    /** Free space the images' file system keeps beyond a new or grown home, for the database and the broker. */
    static final long RESERVE_BYTES = 1024L * 1024 * 1024;

    @Inject
    AgentConfiguration config;

    @Inject
    DockerClient docker;

    private volatile String unavailable;

    /**
     * Gives the home its own file system of {@code bytes} (or grows it to that), owned by {@code owner}.
     *
     * @throws IOException when there is no room for it, or the tools refuse, saying which
     */
    public synchronized void limit(Path home, int owner, long bytes) throws IOException {
        if (bytes <= 0 || !config.homeDisks() || unavailable != null) {
            return;
        }
        Path image = config.diskImagesDir().resolve(owner + ".img");
        Files.createDirectories(image.getParent());
        if (isMountPoint(home)) {
            grow(home, image, owner, bytes);
            return;
        }
        boolean fresh = !Files.exists(image);
        if (fresh) {
            requireRoom(image.getParent(), bytes);
            run("truncate", "-s", String.valueOf(bytes), image.toString());
            run("mkfs.ext4", "-q", "-F", "-m", "0", "-J", "size=4", "-E",
                    "lazy_itable_init=1,lazy_journal_init=1,root_owner=" + owner + ":" + owner, image.toString());
        }
        boolean hadContent;
        try (Stream<Path> entries = Files.list(home)) {
            hadContent = entries.findAny().isPresent();
        }
        if (fresh && hadContent) {
            copyIn(home, image);
        }
        try {
            run("mount", "-o", "loop,nosuid,nodev", image.toString(), home.toString());
        } catch (IOException e) {
            if (fresh) {
                unavailable = e.getMessage();
                Files.deleteIfExists(image);
                LOG.warning(() -> "homes on this host have no size limit: " + unavailable);
                return;
            }
            throw e;
        }
        LOG.info(() -> "home " + home + " is a file system of its own (" + bytes + " bytes, " + image + ")");
    }

    /** Whether homes here get their own file systems, and if not, why. */
    public String status() {
        return unavailable == null ? "enforced" : "not enforced: " + unavailable;
    }

    /**
     * Grows the home's file system while it is not in use (not every kernel resizes a mounted one): when a unit of
     * the user runs on this host, the home keeps its size until a start finds none running.
     */
    private void grow(Path home, Path image, int owner, long bytes) throws IOException {
        if (!Files.exists(image) || Files.size(image) >= bytes) {
            // mounted by something else, or no larger: a smaller limit applies to homes made from now on
            return;
        }
        boolean inUse = !docker.listContainersCmd().withLabelFilter(Map.of("berth.host", config.host(), "berth.uid",
                String.valueOf(owner))).exec().isEmpty();
        if (inUse) {
            LOG.info(() -> "home " + home + " grows to " + bytes + " bytes at a start when no unit of its user runs");
            return;
        }
        requireRoom(image.getParent(), bytes - Files.size(image));
        run("umount", home.toString());
        try {
            run("e2fsck", "-f", "-p", image.toString());
            run("truncate", "-s", String.valueOf(bytes), image.toString());
            run("resize2fs", image.toString());
        } finally {
            run("mount", "-o", "loop,nosuid,nodev", image.toString(), home.toString());
        }
    }

    /** A home's content from before it had a file system of its own goes into the new one (links copied as links). */
    private void copyIn(Path home, Path image) throws IOException {
        Path staging = Files.createTempDirectory(image.getParent(), "mount-");
        try {
            run("mount", "-o", "loop,nosuid,nodev", image.toString(), staging.toString());
            try {
                run("cp", "-a", "--no-dereference", home + "/.", staging + "/");
            } finally {
                run("umount", staging.toString());
            }
        } finally {
            Files.deleteIfExists(staging);
        }
    }

    private static void requireRoom(Path dir, long bytes) throws IOException {
        long free = Files.getFileStore(dir).getUsableSpace();
        if (free < bytes + RESERVE_BYTES) {
            throw new IOException("no room for a home of " + bytes + " bytes in " + dir + ": " + free
                    + " bytes free, and " + RESERVE_BYTES + " stay free for Berth's database and broker; free space"
                    + " there or give the user a smaller disk limit");
        }
    }

    private static boolean isMountPoint(Path dir) throws IOException {
        Object here = Files.getAttribute(dir, "unix:dev");
        Object parent = Files.getAttribute(dir.getParent(), "unix:dev");
        return !here.equals(parent);
    }

    private static String run(String... command) throws IOException {
        return HostCommand.run(null, command);
    }
}
