package dev.berth.legacy.control;

import dev.berth.configs.control.Problems;
import java.util.ArrayList;
import java.util.List;

/**
 * What an import would do, step by step in the file's order, and what stops it. A dry run shows the changes; an
 * applied import runs the steps, in one transaction, only when there is no problem.
 */
public final class ImportPlan {

    private record Step(Change change, Runnable action) {
    }

    private final Problems problems;
    private final List<Step> steps = new ArrayList<>();

    public ImportPlan(String file) {
        this.problems = new Problems(file);
    }

    public Problems problems() {
        return problems;
    }

    /** A change that writes nothing ({@code unchanged}, {@code kept}). */
    void note(Change change) {
        steps.add(new Step(change, () -> { }));
    }

    /** A change and what makes it happen when the plan is applied. */
    void step(Change change, Runnable action) {
        steps.add(new Step(change, action));
    }

    /** @throws ImportRefusedException when the file has any problem */
    public List<Change> changes() {
        ImportRefusedException.throwIfAny(problems);
        return steps.stream().map(Step::change).toList();
    }

    /**
     * Runs every step in order; the caller's transaction makes it all or nothing.
     *
     * @throws ImportRefusedException when the file has any problem, before anything is done
     */
    public List<Change> apply() {
        List<Change> changes = changes();
        steps.forEach(step -> step.action().run());
        return changes;
    }
}
