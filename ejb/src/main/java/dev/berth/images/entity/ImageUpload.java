package dev.berth.images.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An image tar an admin uploaded, kept on the manager until every target host has fetched it or it expires. Agents
 * fetch it with a token that serves only this upload and only until it expires; the database keeps the token's hash.
 */
@Entity
@Table(name = "image_upload")
@NamedQuery(name = ImageUpload.SPENT, query = "select u from ImageUpload u where u.fileRemovedAt is null"
        + " and (u.expiresAt < :now or not exists"
        + " (select c from Command c where c.uploadId = u.id and c.state = :pending))")
public class ImageUpload {

    /** Uploads whose file is still kept but no longer needed: expired, or no host is still loading it. */
    public static final String SPENT = "ImageUpload.spent";

    @Id
    private String id;
    private String actor;
    private String target;
    private String sha256;
    private long sizeBytes;
    private String tokenHash;
    private Instant createdAt;
    private Instant expiresAt;
    private Instant fileRemovedAt;

    protected ImageUpload() {
    }

    public ImageUpload(String id, String actor, String target, String sha256, long sizeBytes, String token,
                       Duration downloadable) {
        this.id = Objects.requireNonNull(id);
        this.actor = Objects.requireNonNull(actor);
        this.target = Objects.requireNonNull(target);
        this.sha256 = Objects.requireNonNull(sha256);
        this.sizeBytes = sizeBytes;
        this.tokenHash = hash(token);
        this.createdAt = Instant.now();
        this.expiresAt = createdAt.plus(downloadable);
    }

    /** Whether {@code token} opens this upload now: the right token, before the expiry, the file still there. */
    public boolean admits(String token) {
        return token != null && fileRemovedAt == null && Instant.now().isBefore(expiresAt)
                && MessageDigest.isEqual(tokenHash.getBytes(StandardCharsets.US_ASCII),
                hash(token).getBytes(StandardCharsets.US_ASCII));
    }

    public void fileRemoved() {
        this.fileRemovedAt = Instant.now();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Objects.requireNonNull(token).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    public String getId() {
        return id;
    }

    public String getActor() {
        return actor;
    }

    public String getTarget() {
        return target;
    }

    public String getSha256() {
        return sha256;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
