package dev.berth.configs.control;

import java.util.ArrayList;
import java.util.List;

/**
 * The difference between two texts line by line, as a unified diff ({@code diff -u}: hunks with three lines of
 * context). The lines both keep are a longest common subsequence, found by dynamic programming over what lies
 * between the common first and last lines; when that middle is too large for it ({@link #MAX_CELLS}), the middle is
 * shown removed and added whole: still a true diff, only not the smallest. A text's last line break does not count.
 */
public final class LineDiff {

    /** Lines of context around each change. */
    static final int CONTEXT = 3;
    /** The most cells of the table for the common subsequence: 4 million (16 MB) bounds a diff's memory. */
    static final long MAX_CELLS = 4_000_000;

    private enum Kind { SAME, REMOVED, ADDED }

    /** One line of the script: kept, removed from the first text, or added from the second. */
    private record Step(Kind kind, int before, int after, String line) {
    }

    private final List<Step> steps;

    private LineDiff(List<Step> steps) {
        this.steps = steps;
    }

    public static LineDiff of(String before, String after) {
        return new LineDiff(script(lines(before), lines(after)));
    }

    /** Lines only the second text has. */
    public int added() {
        return (int) steps.stream().filter(s -> s.kind() == Kind.ADDED).count();
    }

    /** Lines only the first text has. */
    public int removed() {
        return (int) steps.stream().filter(s -> s.kind() == Kind.REMOVED).count();
    }

    /** The unified diff from the first text ({@code beforeName}) to the second; empty when their lines are the same. */
    public String unified(String beforeName, String afterName) {
        List<int[]> hunks = hunks();
        if (hunks.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(beforeName).append('\n').append("+++ ").append(afterName).append('\n');
        for (int[] hunk : hunks) {
            List<Step> part = steps.subList(hunk[0], hunk[1]);
            int oldCount = (int) part.stream().filter(s -> s.kind() != Kind.ADDED).count();
            int newCount = (int) part.stream().filter(s -> s.kind() != Kind.REMOVED).count();
            out.append("@@ -").append(range(part.get(0).before(), oldCount)).append(" +")
                    .append(range(part.get(0).after(), newCount)).append(" @@\n");
            for (Step step : part) {
                out.append(switch (step.kind()) {
                    case SAME -> ' ';
                    case REMOVED -> '-';
                    case ADDED -> '+';
                }).append(step.line()).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * {@code start,count} of a hunk, {@code start} counted from 1; a hunk without lines of one text names the line
     * before it, as {@code diff -u} does ({@code 0,0} at the top).
     */
    private static String range(int firstIndex, int count) {
        int start = count == 0 ? firstIndex : firstIndex + 1;
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    /** The hunks as [from, to) over the steps: each change with its context, neighbours closer than that merged. */
    private List<int[]> hunks() {
        List<int[]> hunks = new ArrayList<>();
        int i = 0;
        while (i < steps.size()) {
            if (steps.get(i).kind() == Kind.SAME) {
                i++;
                continue;
            }
            int from = Math.max(0, i - CONTEXT);
            int lastChange = i;
            int j = i + 1;
            // the hunk goes on while at most twice the context lies between one change and the next
            while (j < steps.size() && j - lastChange <= 2 * CONTEXT + 1) {
                if (steps.get(j).kind() != Kind.SAME) {
                    lastChange = j;
                }
                j++;
            }
            int to = Math.min(steps.size(), lastChange + 1 + CONTEXT);
            hunks.add(new int[] {from, to});
            i = to;
        }
        return hunks;
    }

    private static List<Step> script(List<String> a, List<String> b) {
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<Step> steps = new ArrayList<>();
        for (int k = 0; k < head; k++) {
            steps.add(new Step(Kind.SAME, k, k, a.get(k)));
        }
        middle(a, b, head, a.size() - tail, b.size() - tail, steps);
        for (int k = tail; k > 0; k--) {
            int ai = a.size() - k;
            int bi = b.size() - k;
            steps.add(new Step(Kind.SAME, ai, bi, a.get(ai)));
        }
        return steps;
    }

    /** The steps from a[from, aEnd) to b[from, bEnd), whose first and last lines differ. */
    private static void middle(List<String> a, List<String> b, int from, int aEnd, int bEnd, List<Step> steps) {
        int n = aEnd - from;
        int m = bEnd - from;
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            for (int k = 0; k < n; k++) {
                steps.add(new Step(Kind.REMOVED, from + k, from, a.get(from + k)));
            }
            for (int k = 0; k < m; k++) {
                steps.add(new Step(Kind.ADDED, aEnd, from + k, b.get(from + k)));
            }
            return;
        }
        // common[i][j]: the length of a longest common subsequence of a's and b's middles from i and j on
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = a.get(from + i).equals(b.get(from + j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(from + i).equals(b.get(from + j))) {
                steps.add(new Step(Kind.SAME, from + i, from + j, a.get(from + i)));
                i++;
                j++;
            } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
                // removed lines before added ones, as diff shows a replaced line
                steps.add(new Step(Kind.REMOVED, from + i, from + j, a.get(from + i)));
                i++;
            } else {
                steps.add(new Step(Kind.ADDED, from + i, from + j, b.get(from + j)));
                j++;
            }
        }
    }

    /** The text's lines, without their breaks ({@code \n} or {@code \r\n}); none for an empty text. */
    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
