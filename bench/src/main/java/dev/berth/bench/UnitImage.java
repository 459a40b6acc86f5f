package dev.berth.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An image the benchmark starts on both paths, with how it is judged ready and the limits it runs with. The tiny
 * probe shows what Berth's chain costs; the esProc unit shows what a user waits for.
 */
enum UnitImage {

    /** A busybox HTTP server: next to nothing of its own, so the run shows Berth's and Docker's cost. */
    PROBE("probe", "berth/probe:1", Check.HTTP, 64, 25, 20, false),

    /**
     * The default unit: an esProc SPL node server, a JVM that needs more than 64m. Berth sends the user's
     * {@code raqsoftConfig.xml} and {@code unitServer.xml} with every start, and the node does not start without a
     * {@code <Host>} for its port, so the baseline writes the same files into the directory it mounts read-only at
     * {@code /app/config}.
     */
    ESPROC("esproc", "berth/esproc-unit:1", Check.ESPROC, 256, 15, 10, true);

    static final int CPU_SHARES = 512;

    private final String key;
    private final String reference;
    private final Check check;
    private final int memoryMib;
    private final int defaultIterations;
    private final int recommendedIterations;
    private final boolean configFiles;

    UnitImage(String key, String reference, Check check, int memoryMib, int defaultIterations,
              int recommendedIterations, boolean configFiles) {
        this.key = key;
        this.reference = reference;
        this.check = check;
        this.memoryMib = memoryMib;
        this.defaultIterations = defaultIterations;
        this.recommendedIterations = recommendedIterations;
        this.configFiles = configFiles;
    }

    /** The images named in {@code list} ({@code probe,esproc}), in that order, each once. */
    static List<UnitImage> parse(String list) {
        List<UnitImage> images = new ArrayList<>();
        if (list.trim().equals("none")) {
            // the footprint only
            return images;
        }
        for (String name : list.split(",")) {
            String key = name.trim().toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                continue;
            }
            UnitImage image = Arrays.stream(values()).filter(i -> i.key.equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("bench.images: unknown image '" + name.trim()
                            + "'; known: " + Arrays.stream(values()).map(UnitImage::key)
                            .collect(Collectors.joining(","))));
            if (!images.contains(image)) {
                images.add(image);
            }
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("bench.images names no image; known: probe,esproc");
        }
        return images;
    }

    /** Its name in {@code bench.images} and in system properties such as {@code bench.iterations.esproc}. */
    String key() {
        return key;
    }

    /** The image reference, loaded on the engine (never pulled). */
    String reference() {
        return reference;
    }

    Check check() {
        return check;
    }

    /** The unit's memory limit as Berth takes it, e.g. {@code 256m}. */
    String memory() {
        return memoryMib + "m";
    }

    long memoryBytes() {
        return memoryMib * 1024L * 1024;
    }

    /** Iterations per path unless {@code bench.iterations} or {@code bench.iterations.<key>} says otherwise. */
    int defaultIterations() {
        return defaultIterations;
    }

    /** Fewer iterations than this make the report say its medians are rough. */
    int recommendedIterations() {
        return recommendedIterations;
    }

    /** Whether the baseline writes the user's config files, as Berth's agent does, before it creates the container. */
    boolean configFiles() {
        return configFiles;
    }
}
