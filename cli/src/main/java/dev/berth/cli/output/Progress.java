package dev.berth.cli.output;

import java.io.PrintStream;
import java.util.Locale;

/**
 * An upload's progress on standard error: on a terminal one bar redrawn in place, elsewhere (a log, a pipe) a line
 * at every tenth, so that a script's log shows it moving without a flood.
 */
public final class Progress {

    private static final int BAR = 30;

    private final PrintStream err;
    private final boolean terminal;
    private final String what;
    private final long total;
    private int shownTenths = -1;
    private int shownPercent = -1;

    public Progress(PrintStream err, boolean terminal, String what, long total) {
        this.err = err;
        this.terminal = terminal;
        this.what = what;
        this.total = total;
    }

    /** Bytes sent so far; called from the sending thread. */
    public synchronized void sent(long bytes) {
        int percent = total == 0 ? 100 : (int) Math.min(100, bytes * 100 / total);
        if (terminal) {
            if (percent != shownPercent) {
                shownPercent = percent;
                int filled = percent * BAR / 100;
                err.print("\r" + what + " [" + "#".repeat(filled) + ".".repeat(BAR - filled) + "] "
                        + line(percent, bytes));
                if (percent == 100) {
                    err.println();
                }
                err.flush();
            }
        } else if (percent / 10 != shownTenths) {
            shownTenths = percent / 10;
            err.println(what + " " + line(percent, bytes));
        }
    }

    private String line(int percent, long bytes) {
        return String.format(Locale.ROOT, "%3d%% %s of %s", percent, size(bytes), size(total));
    }

    /** A size as people read it: {@code 12.3 MiB}. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
