package dev.berth.agent.containers.control;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.protocol.CleanHost;
import dev.berth.protocol.HostCleanup;
import dev.berth.protocol.HostCleanup.Fate;
import dev.berth.protocol.HostCleanup.Item;
import dev.berth.protocol.HostCleanup.Kind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The guide's image clean-up, limited to what Berth may take from an engine it shares with others: the previous
 * containers recreations left behind (Berth's labels, this host, stopped, no start of their unit under way), and the
 * images made for Berth (they carry the label {@link Readiness#LABEL}, as every image Berth builds and any image made
 * from one does) that no container at all uses, running or stopped, Berth's or not, and that the manager does not
 * name as in use. Images are removed by tag, never forced: the engine itself refuses an image a container came to use
 * meanwhile, and that item is reported as kept.
 */
@ApplicationScoped
public class EngineCleanup {

    private static final Logger LOG = Logger.getLogger(EngineCleanup.class.getName());
    private static final String NO_TAG = "<none>:<none>";

    @Inject
    DockerClient docker;

    @Inject
    AgentConfiguration config;

    @Inject
    Containers containers;

    public HostCleanup clean(CleanHost command) {
        try {
            List<Item> items = new ArrayList<>();
            for (Container previous : leftBehind()) {
                items.add(container(previous, command.dryRun()));
            }
            for (Image image : unused(command.imagesInUse())) {
                items.add(image(image, command.dryRun()));
            }
            return new HostCleanup(config.host(), command.dryRun(), items, null);
        } catch (DockerException e) {
            return HostCleanup.failed(config.host(), command.dryRun(), "Docker on host " + config.host()
                    + " refused: " + e.getMessage());
        } catch (RuntimeException e) {
            return HostCleanup.failed(config.host(), command.dryRun(), "the Docker engine on host " + config.host()
                    + " did not answer: " + e);
        }
    }

    /** Previous containers of this host's units that no start needs now. */
    private List<Container> leftBehind() {
        return docker.listContainersCmd().withShowAll(true).withShowSize(true)
                .withLabelFilter(Map.of(ContainerLabels.MANAGED, "true", ContainerLabels.HOST, config.host()))
                .exec().stream()
                .filter(c -> c.getNames() != null && Arrays.stream(c.getNames()).anyMatch(Containers::isPreviousName))
                .filter(c -> !"running".equals(c.getState()))
                .filter(c -> !containers.isStarting(unitOf(c)))
                .toList();
    }

    /** Berth's images that neither a container nor the manager's list uses. */
    private List<Image> unused(List<String> inUse) {
        Set<String> used = new HashSet<>();
        for (Container container : docker.listContainersCmd().withShowAll(true).exec()) {
            used.add(container.getImageId());
        }
        for (String reference : inUse) {
            try {
                used.add(docker.inspectImageCmd(reference).exec().getId());
            } catch (NotFoundException notHere) {
                // a unit's image not loaded on this host: nothing to keep
            }
        }
        return docker.listImagesCmd().exec().stream()
                .filter(image -> image.getLabels() != null && image.getLabels().containsKey(Readiness.LABEL))
                .filter(image -> !used.contains(image.getId()))
                .toList();
    }

    private Item container(Container container, boolean dryRun) {
        String name = container.getNames()[0].replaceFirst("^/", "");
        long bytes = container.getSizeRw() == null ? 0 : container.getSizeRw();
        String id = shortId(container.getId());
        if (dryRun) {
            return new Item(Kind.CONTAINER, id, name, bytes, Fate.WOULD_REMOVE, "previous container of unit "
                    + unitOf(container));
        }
        try {
            docker.removeContainerCmd(container.getId()).withRemoveVolumes(true).exec();
            LOG.info(() -> "clean-up: removed previous container " + name);
            return new Item(Kind.CONTAINER, id, name, bytes, Fate.REMOVED, "previous container of unit "
                    + unitOf(container));
        } catch (NotFoundException gone) {
            return new Item(Kind.CONTAINER, id, name, bytes, Fate.REMOVED, "already gone");
        } catch (ConflictException e) {
            return new Item(Kind.CONTAINER, id, name, bytes, Fate.KEPT, e.getMessage());
        }
    }

    private Item image(Image image, boolean dryRun) {
        List<String> tags = image.getRepoTags() == null ? List.of() : Arrays.stream(image.getRepoTags())
                .filter(tag -> !NO_TAG.equals(tag)).toList();
        String name = tags.isEmpty() ? "<none>" : String.join(",", tags);
        long bytes = image.getSize() == null ? 0 : image.getSize();
        String id = shortId(image.getId().replaceFirst("^sha256:", ""));
        if (dryRun) {
            return new Item(Kind.IMAGE, id, name, bytes, Fate.WOULD_REMOVE, "made for Berth, used by no container"
                    + " and no unit");
        }
        try {
            // by tag, unforced: the last tag removes the image, and the engine refuses one a container uses
            for (String reference : tags.isEmpty() ? List.of(image.getId()) : tags) {
                docker.removeImageCmd(reference).exec();
            }
            LOG.info(() -> "clean-up: removed image " + name);
            return new Item(Kind.IMAGE, id, name, bytes, Fate.REMOVED, "made for Berth, used by no container and"
                    + " no unit");
        } catch (NotFoundException gone) {
            return new Item(Kind.IMAGE, id, name, bytes, Fate.REMOVED, "already gone");
        } catch (ConflictException e) {
            return new Item(Kind.IMAGE, id, name, bytes, Fate.KEPT, e.getMessage());
        }
    }

    private static long unitOf(Container container) {
        try {
            return Long.parseLong(container.getLabels().getOrDefault(ContainerLabels.UNIT, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
