package dev.berth.platform.entity;

import java.nio.file.Path;

/** Rules for the host paths admins give (homes, share directories), which end up mounted into containers. */
public final class PathNames {

    private PathNames() {
    }

    /** Whether the path has a {@code ..} part, which could climb out of the directory it seems to be in. */
    public static boolean climbsOut(Path path) {
        for (Path part : path) {
            if (part.toString().equals("..")) {
                return true;
            }
        }
        return false;
    }
}
