package dev.berth.cli.output;

import java.io.PrintStream;

/**
 * A batch's progress on standard error: on a terminal one bar redrawn in place
 * ({@code [#####.....] 12/40 applied 10 unchanged 1 failed 1}), elsewhere (a log, a pipe) a plain line each time the
 * counts change, so that a script's log shows it moving and nothing else.
 */
public final class BatchProgress {

    private static final int BAR = 30;

    private final PrintStream err;
    private final boolean terminal;
    private String shown;

    public BatchProgress(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** The counts as the batch's view gave them; draws only what changed. */
    public void counts(int total, int applied, int unchanged, int failed) {
        String line = line(total, applied, unchanged, failed);
        if (line.equals(shown)) {
            return;
        }
        shown = line;
        if (terminal) {
            err.print("\r" + bar(total, applied + unchanged + failed) + " " + line);
            err.flush();
        } else {
            err.println(line);
        }
    }

    /** Ends the bar's line on a terminal, so that what follows starts on a line of its own. */
    public void done() {
        if (terminal && shown != null) {
            err.println();
        }
    }

    /** {@code 12/40 applied 10 unchanged 1 failed 1}. */
    public static String line(int total, int applied, int unchanged, int failed) {
        return (applied + unchanged + failed) + "/" + total + " applied " + applied + " unchanged " + unchanged
                + " failed " + failed;
    }

    /** {@code [#####.....]}: the finished share of {@value #BAR} places; an empty batch is full. */
    public static String bar(int total, int finished) {
        int filled = total <= 0 ? BAR : (int) Math.min(BAR, (long) finished * BAR / total);
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled) + "]";
    }
}
