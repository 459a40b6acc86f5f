package dev.berth.images.control;

import dev.berth.platform.control.DataDirectory;
import dev.berth.platform.control.ManagerConfig;
import dev.berth.platform.entity.BerthException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Uploaded image tars under {@code <data dir>/images}: streamed to disk (never held in memory), size-limited, checked
 * to be a tar, and their SHA-256 computed on the way.
 */
@ApplicationScoped
public class UploadFiles {

    @Inject
    ManagerConfig config;

    /** A tar header block; {@code ustar} at offset 257 marks POSIX and GNU tars (what {@code docker save} writes). */
    static final int BLOCK = 512;
    static final int MAGIC_OFFSET = 257;
    private static final Logger LOG = Logger.getLogger(UploadFiles.class.getName());

    /**
     * A tar on disk.
     *
     * @param id     the upload's id, also its file name
     * @param sha256 lower-case hex
     * @param size   bytes
     */
    public record Stored(String id, String sha256, long size) {
    }

    @Inject
    DataDirectory data;

    /**
     * Streams {@code body} into a new file.
     *
     * @throws BerthException invalid when the body is empty, no tar, too large or broke off; nothing is kept then
     */
    public Stored receive(InputStream body) {
        String id = UUID.randomUUID().toString();
        Path part = directory().resolve(id + ".part");
        long max = config.imagesMaxUploadBytes();
        MessageDigest sha256 = sha256();
        long size = 0;
        try (OutputStream out = Files.newOutputStream(part)) {
            byte[] head = body == null ? new byte[0] : body.readNBytes(BLOCK);
            if (head.length == 0) {
                throw BerthException.invalid("the request body is empty: send the image tar as docker save writes"
                        + " it, e.g. curl -T esproc.tar -X POST -H 'Content-Type: application/x-tar'"
                        + " '<api>/images?host=<name>|all'");
            }
            if (!isTarHeader(head)) {
                throw BerthException.invalid("the request body is no tar archive (its first block has no ustar"
                        + " header); send the file docker save -o <file>.tar <image> wrote");
            }
            byte[] buffer = new byte[1 << 16];
            System.arraycopy(head, 0, buffer, 0, head.length);
            int n = head.length;
            do {
                size += n;
                if (size > max) {
                    throw BerthException.tooLarge("the image tar is larger than the limit of " + config.imagesMaxUploadMb()
                            + " MiB (BERTH_IMAGES_MAX_UPLOAD_MB)");
                }
                sha256.update(buffer, 0, n);
                out.write(buffer, 0, n);
            } while ((n = body.read(buffer)) >= 0);
        } catch (IOException e) {
            delete(part);
            throw BerthException.invalid("the upload broke off after " + size + " bytes (" + e.getMessage()
                    + "); send the tar again");
        } catch (RuntimeException e) {
            delete(part);
            throw e;
        }
        try {
            Files.move(part, file(id), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            delete(part);
            throw new UncheckedIOException("cannot keep the uploaded tar " + part, e);
        }
        return new Stored(id, HexFormat.of().formatHex(sha256.digest()), size);
    }

    /** The tar of upload {@code id}. */
    public Path file(String id) {
        return directory().resolve(id + ".tar");
    }

    /** Removes the tar of upload {@code id}; gone already is fine. */
    public void remove(String id) {
        delete(file(id));
    }

    static boolean isTarHeader(byte[] block) {
        return block.length == BLOCK && new String(block, MAGIC_OFFSET, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    private Path directory() {
        Path dir = data.resolve("images");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warning(() -> "cannot remove " + file + ": " + e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
