package dev.berth.legacy.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects what is wrong in a file, each with its line, so that all of it is reported at once. */
public final class Problems {

    private record Problem(int line, int order, String text) {
    }

    private final String file;
    private final List<Problem> found = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    public void add(int line, String text) {
        found.add(new Problem(line, found.size(), text));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** @throws ImportRefusedException listing every problem by line, when there is any */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ImportRefusedException(file, found.stream()
                    .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::order))
                    .map(p -> "line " + p.line() + ": " + p.text())
                    .toList());
        }
    }
}
