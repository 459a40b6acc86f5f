package dev.berth.configs.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The unified diffs are checked against GNU {@code diff -u}'s output for the same texts. */
class LineDiffTest {

    private static final String UNIT_SERVER = """
            <SERVER Version="3">
            <TempTimeOut>12</TempTimeOut>
            <Interval>0</Interval>
            <Backlog>10</Backlog>
            <ProxyTimeOut>12</ProxyTimeOut>
            <SplConfig>raqsoftConfig.xml</SplConfig>
            <LogPath>unit.log</LogPath>
            <Hosts>
            <Host ip="127.0.0.1" port="8281" maxTaskNum="2" preferredTaskNum="1"/>
            </Hosts>
            </SERVER>
            """;

    @Test
    void showsTwoDistantChangesInTwoHunksAsDiffDoes() {
        String edited = UNIT_SERVER.replace("<TempTimeOut>12", "<TempTimeOut>24").replace("</Hosts>",
                "<Host ip=\"127.0.0.1\" port=\"8282\" maxTaskNum=\"2\" preferredTaskNum=\"1\"/>\n</Hosts>");

        LineDiff diff = LineDiff.of(UNIT_SERVER, edited);

        assertThat(diff.unified("a", "b")).isEqualTo("""
                --- a
                +++ b
                @@ -1,5 +1,5 @@
                 <SERVER Version="3">
                -<TempTimeOut>12</TempTimeOut>
                +<TempTimeOut>24</TempTimeOut>
                 <Interval>0</Interval>
                 <Backlog>10</Backlog>
                 <ProxyTimeOut>12</ProxyTimeOut>
                @@ -7,5 +7,6 @@
                 <LogPath>unit.log</LogPath>
                 <Hosts>
                 <Host ip="127.0.0.1" port="8281" maxTaskNum="2" preferredTaskNum="1"/>
                +<Host ip="127.0.0.1" port="8282" maxTaskNum="2" preferredTaskNum="1"/>
                 </Hosts>
                 </SERVER>
                """);
        assertThat(diff.added()).isEqualTo(2);
        assertThat(diff.removed()).isEqualTo(1);
    }

    @Test
    void joinsChangesWhoseContextsMeet() {
        String edited = UNIT_SERVER.replace("<TempTimeOut>12", "<TempTimeOut>24").replace("<LogPath>unit.log",
                "<LogPath>node.log");

        assertThat(LineDiff.of(UNIT_SERVER, edited).unified("a", "b")).isEqualTo("""
                --- a
                +++ b
                @@ -1,10 +1,10 @@
                 <SERVER Version="3">
                -<TempTimeOut>12</TempTimeOut>
                +<TempTimeOut>24</TempTimeOut>
                 <Interval>0</Interval>
                 <Backlog>10</Backlog>
                 <ProxyTimeOut>12</ProxyTimeOut>
                 <SplConfig>raqsoftConfig.xml</SplConfig>
                -<LogPath>unit.log</LogPath>
                +<LogPath>node.log</LogPath>
                 <Hosts>
                 <Host ip="127.0.0.1" port="8281" maxTaskNum="2" preferredTaskNum="1"/>
                 </Hosts>
                """);
    }

    @Test
    void namesTheLineBeforeWhenOneSideHasNoLines() {
        assertThat(LineDiff.of("", "a\nb\n").unified("a", "b")).isEqualTo("--- a\n+++ b\n@@ -0,0 +1,2 @@\n+a\n+b\n");
        assertThat(LineDiff.of("x\ny\n", "x\n").unified("a", "b")).isEqualTo("--- a\n+++ b\n@@ -1,2 +1 @@\n x\n-y\n");
    }

    @Test
    void findsNothingBetweenTheSameLinesWhateverTheirBreaks() {
        assertThat(LineDiff.of(UNIT_SERVER, UNIT_SERVER).unified("a", "b")).isEmpty();
        assertThat(LineDiff.of("a\r\nb", "a\nb\n").unified("a", "b")).isEmpty();
    }

    @Test
    void keepsTheLongestCommonLinesSoEveryChangeIsAsSmallAsDiffs() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<String> before = randomLines(random);
            List<String> after = randomLines(random);
            LineDiff diff = LineDiff.of(text(before), text(after));

            int common = longestCommon(before, after);
            assertThat(diff.removed()).isEqualTo(before.size() - common);
            assertThat(diff.added()).isEqualTo(after.size() - common);
            assertThat(applied(before, diff.unified("a", "b"))).isEqualTo(after);
        }
    }

    @Test
    void showsAMiddleTooLargeForTheTableRemovedAndAddedWhole() {
        int lines = 2100; // 2101 x 2101 cells: over the bound
        String before = IntStream.range(0, lines).mapToObj(i -> "a" + i).collect(Collectors.joining("\n"));
        String after = IntStream.range(0, lines).mapToObj(i -> i % 2 == 0 ? "a" + i : "b" + i)
                .collect(Collectors.joining("\n"));

        LineDiff diff = LineDiff.of(before, after);

        assertThat(diff.removed()).isEqualTo(lines - 1);
        assertThat(diff.added()).isEqualTo(lines - 1);
    }

    private static List<String> randomLines(Random random) {
        return IntStream.range(0, random.nextInt(30)).mapToObj(i -> "l" + random.nextInt(5)).toList();
    }

    private static String text(List<String> lines) {
        return lines.stream().map(l -> l + "\n").collect(Collectors.joining());
    }

    private static int longestCommon(List<String> a, List<String> b) {
        int[][] c = new int[a.size() + 1][b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                c[i][j] = a.get(i - 1).equals(b.get(j - 1)) ? c[i - 1][j - 1] + 1 : Math.max(c[i - 1][j], c[i][j - 1]);
            }
        }
        return c[a.size()][b.size()];
    }

    /** Applies a unified diff to the lines it was made from, checking every context and removed line. */
    private static List<String> applied(List<String> before, String unified) {
        List<String> out = new ArrayList<>();
        int next = 0;
        for (String line : unified.lines().skip(2).toList()) {
            if (line.startsWith("@@")) {
                String old = line.substring(4, line.indexOf(' ', 4));
                int start = Integer.parseInt(old.split(",")[0]);
                int count = old.contains(",") ? Integer.parseInt(old.split(",")[1]) : 1;
                int from = count == 0 ? start : start - 1;
                out.addAll(before.subList(next, from));
                next = from;
            } else if (line.startsWith("+")) {
                out.add(line.substring(1));
            } else {
                assertThat(before.get(next)).isEqualTo(line.substring(1));
                if (line.startsWith(" ")) {
                    out.add(before.get(next));
                }
                next++;
            }
        }
        out.addAll(before.subList(next, before.size()));
        return out;
    }
}
