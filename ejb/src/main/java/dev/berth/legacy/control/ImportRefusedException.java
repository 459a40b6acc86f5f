package dev.berth.legacy.control;

import dev.berth.configs.control.Problems;
import dev.berth.platform.entity.BerthException;
import java.util.List;

/**
 * A legacy file that cannot be imported, with every problem found in it as {@code line N: what is wrong}. It is an
 * invalid-input {@link BerthException}, so a boundary that throws it rolls back: nothing of the file is written.
 */
public class ImportRefusedException extends BerthException {

    private final List<String> problems;

    public ImportRefusedException(String file, List<String> problems) {
        super(Problem.INVALID, file + " was not imported, nothing was written: " + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "; fix "
                + (problems.size() == 1 ? "it" : "them") + " and import the file again");
        this.problems = List.copyOf(problems);
    }

    /**
     * @throws ImportRefusedException listing every problem by line, when there is any
     */
    public static void throwIfAny(Problems problems) {
        if (!problems.isEmpty()) {
            throw new ImportRefusedException(problems.file(), problems.lines());
        }
    }

    /** Each problem as {@code line N: what is wrong}, in the order of the file. */
    public List<String> problems() {
        return problems;
    }
}
