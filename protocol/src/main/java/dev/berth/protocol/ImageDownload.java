package dev.berth.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where an agent fetches an uploaded image tar for LOAD_IMAGE, and how it checks what it got. The tar itself never
 * travels through the broker: it can be hundreds of megabytes.
 *
 * @param upload the upload's id, which the agent's {@link DownloadProof} is for
 * @param path   path on the manager, e.g. {@code /api/image-uploads/<id>}; the agent resolves it against its
 *               configured manager URL. No token: the message carries no secret
 * @param sha256 the SHA-256 of the tar, lower-case hex
 * @param size   the tar's size in bytes
 */
public record ImageDownload(String upload, String path, String sha256, long size) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** What is wrong with this download, if anything. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (upload == null || upload.isBlank()) {
            problems.add("image.upload is missing");
        }
        if (path == null || !path.startsWith("/")) {
            problems.add("image.path must be a path on the manager starting with /");
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            problems.add("image.sha256 must be 64 lower-case hex digits");
        }
        if (size <= 0) {
            problems.add("image.size must be positive");
        }
        return problems;
    }
}
