package dev.berth.protocol;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How an agent proves, when it fetches an uploaded image tar, that it is the agent of a host the upload is for,
 * without any secret in the LOAD_IMAGE message: it sends its host name ({@link #HOST_HEADER}) and an HMAC-SHA256,
 * keyed with its own secret, of the upload and host ({@link #PROOF_HEADER}); the manager knows the same secret and
 * computes the same. The proof opens that one upload for that one host, and only while the upload lasts.
 */
public final class DownloadProof {

    public static final String HOST_HEADER = "X-Berth-Host";
    public static final String PROOF_HEADER = "X-Berth-Proof";

    private DownloadProof() {
    }

    /** The proof for {@code host} fetching {@code upload}, as lower-case hex. */
    public static String of(String secret, String upload, String host) {
        Objects.requireNonNull(secret, "secret");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("berth-image-download\n" + Objects.requireNonNull(upload)
                    + "\n" + Objects.requireNonNull(host)).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java has HmacSHA256", e);
        }
    }

    /** Whether {@code proof} is the right one; in constant time. */
    public static boolean holds(String proof, String secret, String upload, String host) {
        return proof != null && secret != null && upload != null && host != null
                && MessageDigest.isEqual(of(secret, upload, host).getBytes(StandardCharsets.US_ASCII),
                proof.getBytes(StandardCharsets.US_ASCII));
    }
}
