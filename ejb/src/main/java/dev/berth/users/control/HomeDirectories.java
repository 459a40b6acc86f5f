package dev.berth.users.control;

import dev.berth.platform.control.DataDirectory;
import dev.berth.platform.entity.BerthException;
import dev.berth.platform.entity.PathNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where users' homes may be: under {@code <data dir>/homes} by default, or an admin-given absolute path inside one of
 * the roots in {@code berth.homes.allowed-roots} (comma-separated). A home is mounted read-write into containers, so a
 * path outside those roots, or one that climbs out with {@code ..}, is refused.
 */
@ApplicationScoped
public class HomeDirectories {

    @Inject
    DataDirectory data;

    @Inject
    @ConfigProperty(name = "berth.homes.allowed-roots")
    Optional<String> allowedRoots;

    public List<Path> roots() {
        return allowedRoots.filter(r -> !r.isBlank())
                .map(r -> Arrays.stream(r.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .map(s -> Path.of(s).toAbsolutePath().normalize()).toList())
                .orElse(List.of(data.resolve("homes")));
    }

    /** The home of {@code user}: the requested one when allowed, else the default under the first root. */
    public Path homeOf(String user, String requested) {
        if (requested == null || requested.isBlank()) {
            return roots().get(0).resolve(user);
        }
        Path path;
        try {
            path = Path.of(requested);
        } catch (InvalidPathException e) {
            throw BerthException.invalid("home '" + requested + "' is no path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            throw BerthException.invalid("home '" + requested + "' must be an absolute path");
        }
        if (PathNames.climbsOut(path)) {
            throw BerthException.invalid("home '" + requested + "' climbs out of its directory with '..'");
        }
        Path normal = path.normalize();
        if (roots().stream().noneMatch(root -> normal.startsWith(root) && !normal.equals(root))) {
            throw BerthException.invalid("home '" + requested + "' is outside the allowed roots " + roots()
                    + "; choose a directory below one of them");
        }
        return normal;
    }

    /**
     * Refuses a home that lies inside another user's home or holds one: the outer user's units could replace the
     * inner home with a link, which Docker would follow when it mounts the inner one.
     *
     * @param others the other users' homes, by user name
     * @throws BerthException (invalid) naming the other user
     */
    public static void requireApart(Path home, Map<String, String> others) {
        Path normal = home.toAbsolutePath().normalize();
        for (Map.Entry<String, String> other : others.entrySet()) {
            Path theirs = Path.of(other.getValue()).toAbsolutePath().normalize();
            if (normal.startsWith(theirs) || theirs.startsWith(normal)) {
                throw BerthException.invalid("home '" + normal + "' " + (normal.equals(theirs) ? "is" : normal
                        .startsWith(theirs) ? "lies inside" : "holds") + " the home of user " + other.getKey() + " ("
                        + theirs + "); each user needs a home of their own, apart from every other");
            }
        }
    }
}
