package dev.berth.configs.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects what is wrong in a file, each with its line, so that all of it is reported at once. Whoever reads the file
 * decides what a problem means: an import refuses the file whole, an edit of a configuration file is refused.
 */
public final class Problems {

    private record Problem(int line, int order, String text) {
    }

    private final String file;
    private final List<Problem> found = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    /** The name of the file the problems are in. */
    public String file() {
        return file;
    }

    public void add(int line, String text) {
        found.add(new Problem(line, found.size(), text));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Each problem as {@code line N: what is wrong}, in the order of the file. */
    public List<String> lines() {
        return found.stream()
                .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::order))
                .map(p -> "line " + p.line() + ": " + p.text())
                .toList();
    }
}
