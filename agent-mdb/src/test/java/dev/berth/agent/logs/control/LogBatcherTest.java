package dev.berth.agent.logs.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LogBatcherTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration INTERVAL = Duration.ofMillis(200);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void isDueWhenTheIntervalHasPassed() {
        LogBatcher batcher = new LogBatcher(64 * 1024, INTERVAL, T0);
        batcher.add(utf8("one line\n"));

        assertThat(batcher.due(T0.plusMillis(199))).isFalse();
        assertThat(batcher.due(T0.plusMillis(200))).isTrue();
        assertThat(batcher.take(T0.plusMillis(200))).containsExactly("one line\n");
        assertThat(batcher.due(T0.plusMillis(300))).isFalse();
        assertThat(batcher.take(T0.plusMillis(400))).isEmpty();
    }

    @Test
    void isDueAtOnceWhenAChunkIsFull() {
        LogBatcher batcher = new LogBatcher(16, INTERVAL, T0);
        batcher.add(utf8("0123456789abcdef"));

        assertThat(batcher.due(T0)).isTrue();
    }

    @Test
    void splitsIntoChunksOfAtMostTheLimit() {
        LogBatcher batcher = new LogBatcher(8, INTERVAL, T0);
        batcher.add(utf8("aaaaaaaabbbbbbbbcc"));

        assertThat(batcher.take(T0)).containsExactly("aaaaaaaa", "bbbbbbbb", "cc");
    }

    @Test
    void neverCutsACharacterBetweenChunks() {
        LogBatcher batcher = new LogBatcher(4, INTERVAL, T0);
        batcher.add(utf8("ab张三"));

        assertThat(batcher.take(T0)).containsExactly("ab", "张", "三")
                .allMatch(chunk -> chunk.getBytes(StandardCharsets.UTF_8).length <= 4);
    }

    @Test
    void keepsACharacterCutBetweenFramesForTheNextTake() {
        byte[] name = utf8("张三\n");
        LogBatcher batcher = new LogBatcher(1024, INTERVAL, T0);
        batcher.add(Arrays.copyOfRange(name, 0, 4)); // 张 and the first byte of 三

        assertThat(batcher.take(T0)).containsExactly("张");
        assertThat(batcher.pendingBytes()).isEqualTo(1);

        batcher.add(Arrays.copyOfRange(name, 4, name.length));
        assertThat(batcher.take(T0.plus(INTERVAL))).containsExactly("三\n");
    }

    @Test
    void givesEverythingWhenTheStreamEnds() {
        LogBatcher batcher = new LogBatcher(1024, INTERVAL, T0);
        batcher.add(new byte[] {'a', (byte) 0xE5});

        assertThat(batcher.takeAll(T0)).containsExactly("a\uFFFD");
        assertThat(batcher.pendingBytes()).isZero();
    }

    @Test
    void findsTheCompletePrefix() {
        assertThat(LogBatcher.completeLength(utf8("abc"))).isEqualTo(3);
        assertThat(LogBatcher.completeLength(new byte[] {'a', (byte) 0xE5, (byte) 0xBC})).isEqualTo(1);
        assertThat(LogBatcher.completeLength(utf8("a张"))).isEqualTo(4);
        assertThat(LogBatcher.completeLength(new byte[0])).isZero();
    }
}
