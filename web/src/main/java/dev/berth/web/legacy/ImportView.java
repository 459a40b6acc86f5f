package dev.berth.web.legacy;

import dev.berth.legacy.control.Change;
import java.util.List;

/**
 * What an import did, or would do when {@code dryRun}.
 *
 * @param changes one per user, host and unit, in the file's order: {@code line, kind, name, action, detail}
 */
public record ImportView(boolean dryRun, List<Change> changes) {
}
