package dev.berth.cli.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/** A file as a request body of known length, read as it is sent, reporting every block's running total. */
public final class CountedUpload {

    private CountedUpload() {
    }

    /** The file's bytes, with {@code Content-Length}; {@code sent} gets the bytes handed to the connection so far. */
    public static BodyPublisher of(Path file, LongConsumer sent) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> {
            try {
                return new Counting(Files.newInputStream(file), sent);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), size);
    }

    private static final class Counting extends FilterInputStream {

        private final LongConsumer sent;
        private long total;

        Counting(InputStream in, LongConsumer sent) {
            super(in);
            this.sent = sent;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                sent.accept(++total);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                total += n;
                sent.accept(total);
            }
            return n;
        }
    }
}
