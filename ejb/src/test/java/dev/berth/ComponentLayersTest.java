package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The manager's components look only down, in the order of {@code docs/architecture.md}: every reference in a
 * component's sources to another component of {@code dev.berth} (an import, a static import, a fully qualified name,
 * a Javadoc link, or a query that names another component's entity, {@code from Unit u}) must name one of a lower
 * layer. Components of one layer do not know each other.
 */
class ComponentLayersTest {

    /** Lowest first. The same order is written in docs/architecture.md and the components' package-info files. */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("platform"),
            Set.of("audit"),
            Set.of("users"),
            Set.of("hosts"),
            Set.of("commands"),
            Set.of("agents"),
            Set.of("units", "images"),
            Set.of("configs"),
            Set.of("legacy", "metrics", "sessions", "drift"),
            Set.of("batches"));

    /** Modules beside the manager that both sides compile against; any component may use them. */
    static final Set<String> MODULES = Set.of("protocol");

    private static final Path SOURCES = Path.of("src/main/java/dev/berth");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.berth\\.([a-z]+)\\.");
    private static final Pattern ENTITY = Pattern.compile("@Entity\\b");

    @Test
    void placesEveryComponentInTheOrder() throws IOException {
        Set<String> placed = new TreeSet<>();
        LAYERS.forEach(placed::addAll);
        try (Stream<Path> components = Files.list(SOURCES)) {
            assertThat(components.filter(Files::isDirectory).map(p -> p.getFileName().toString()))
                    .as("a new component needs a place in LAYERS (and in docs/architecture.md)")
                    .containsExactlyInAnyOrderElementsOf(placed);
        }
    }

    @Test
    void componentsDependOnlyOnLowerLayers() {
        Map<String, Set<String>> uses = references();
        List<String> upward = new ArrayList<>();
        uses.forEach((file, targets) -> {
            String component = componentOf(file);
            for (String target : targets) {
                if (!target.equals(component) && !MODULES.contains(target) && layer(target) >= layer(component)) {
                    upward.add(file + " -> " + target + " (layer " + layer(target) + " is not below "
                            + component + "'s layer " + layer(component) + ")");
                }
            }
        });

        assertThat(upward).as("references that do not look down").isEmpty();
    }

    @Test
    void readsTheReferencesItJudges() {
        Map<String, Set<String>> uses = references();

        // the scan must see the real sources, else the test above would pass on nothing
        assertThat(uses).hasSizeGreaterThan(100);
        assertThat(uses.get("units/control/UnitAnswers.java")).contains("agents", "commands", "audit");
        assertThat(uses.get("legacy/control/ImportPlanner.java")).contains("configs", "units", "users");
        // a query names an entity without importing it
        assertThat(uses.get("images/entity/ImageUpload.java")).contains("commands");
    }

    /** Each source file (relative to dev/berth) and the components its text names. */
    private static Map<String, Set<String>> references() {
        Map<String, String> entities = entities();
        Pattern queried = Pattern.compile("\\b(?:from|join|update)\\s+(" + String.join("|", entities.keySet())
                + ")\\b");
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(file -> {
                Set<String> targets = new TreeSet<>();
                String text = read(file);
                Matcher names = REFERENCE.matcher(text);
                while (names.find()) {
                    targets.add(names.group(1));
                }
                Matcher queries = queried.matcher(text);
                while (queries.find()) {
                    targets.add(entities.get(queries.group(1)));
                }
                uses.put(SOURCES.relativize(file).toString().replace('\\', '/'), targets);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    /** The JPA entities by simple name, each with its component. */
    private static Map<String, String> entities() {
        Map<String, String> entities = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(p -> p.toString().endsWith(".java")).filter(p -> ENTITY.matcher(read(p)).find())
                    .forEach(p -> entities.put(p.getFileName().toString().replace(".java", ""),
                            componentOf(SOURCES.relativize(p).toString().replace('\\', '/'))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(entities).containsKeys("Unit", "Command", "AppUser", "Host");
        return entities;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String componentOf(String file) {
        return file.substring(0, file.indexOf('/'));
    }

    private static int layer(String component) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(component)) {
                return i;
            }
        }
        throw new AssertionError("component " + component + " has no place in LAYERS");
    }
}
