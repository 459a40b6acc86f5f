package dev.berth.agent.logs.control;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects what Docker streams (frames of any size, possibly cut inside a UTF-8 character) into chunks to send:
 * a batch is due when {@code maxChunkBytes} are waiting or {@code interval} has passed since the last take, so a busy
 * container costs a message per 64 KiB rather than one per line, and a quiet one still shows a line within the
 * interval. Chunks never split a UTF-8 character. Thread-safe: Docker's thread adds, the follower takes.
 */
public final class LogBatcher {

    private final int maxChunkBytes;
    private final Duration interval;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private Instant lastTaken;

    public LogBatcher(int maxChunkBytes, Duration interval, Instant start) {
        if (maxChunkBytes < 4) {
            throw new IllegalArgumentException("a chunk must hold at least one UTF-8 character (4 bytes)");
        }
        this.maxChunkBytes = maxChunkBytes;
        this.interval = interval;
        this.lastTaken = start;
    }

    public synchronized void add(byte[] bytes) {
        pending.writeBytes(bytes);
    }

    /** Bytes waiting, a cut character included. */
    public synchronized int pendingBytes() {
        return pending.size();
    }

    /** Whether a chunk should go now: a full one waits, or the interval since the last take has passed. */
    public synchronized boolean due(Instant now) {
        return pending.size() >= maxChunkBytes || !now.isBefore(lastTaken.plus(interval));
    }

    /**
     * The complete characters waiting, as chunks of at most {@code maxChunkBytes} bytes each (none when nothing
     * waits); a character cut at the end stays for the next take.
     */
    public synchronized List<String> take(Instant now) {
        lastTaken = now;
        byte[] bytes = pending.toByteArray();
        int complete = completeLength(bytes);
        pending.reset();
        pending.write(bytes, complete, bytes.length - complete);
        return split(Arrays.copyOf(bytes, complete));
    }

    /** Everything waiting, a cut character included (decoded as a replacement character): the stream has ended. */
    public synchronized List<String> takeAll(Instant now) {
        lastTaken = now;
        byte[] bytes = pending.toByteArray();
        pending.reset();
        return split(bytes);
    }

    private List<String> split(byte[] bytes) {
        List<String> chunks = new ArrayList<>();
        int from = 0;
        while (from < bytes.length) {
            int to = Math.min(bytes.length, from + maxChunkBytes);
            if (to < bytes.length) {
                // never cut inside a character: back up to the start of the one at the cut
                int cut = to;
                while (cut > from && isContinuation(bytes[cut])) {
                    cut--;
                }
                to = cut > from ? cut : to;
            }
            chunks.add(new String(bytes, from, to - from, StandardCharsets.UTF_8));
            from = to;
        }
        return chunks;
    }

    /** How many leading bytes form complete UTF-8 characters: all but a character cut at the end. */
    static int completeLength(byte[] bytes) {
        int lead = bytes.length - 1;
        while (lead >= 0 && bytes.length - lead <= 4 && isContinuation(bytes[lead])) {
            lead--;
        }
        if (lead < 0 || bytes.length - lead > 4) {
            return bytes.length; // no lead byte in reach: not UTF-8 we can repair, pass it on as it is
        }
        int needed = sequenceLength(bytes[lead]);
        return bytes.length - lead < needed ? lead : bytes.length;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    private static int sequenceLength(byte lead) {
        if ((lead & 0x80) == 0) {
            return 1;
        }
        if ((lead & 0xE0) == 0xC0) {
            return 2;
        }
        if ((lead & 0xF0) == 0xE0) {
            return 3;
        }
        return (lead & 0xF8) == 0xF0 ? 4 : 1;
    }
}
