package dev.berth.images.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An image tar an admin uploaded, kept on the manager until every target host has fetched it or it expires. The agent
 * of a target host fetches it with a proof of its own ({@code DownloadProof}), good only until it expires.
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
    private Instant createdAt;
    private Instant expiresAt;
    private Instant fileRemovedAt;

    protected ImageUpload() {
    }

    public ImageUpload(String id, String actor, String target, String sha256, long sizeBytes,
                       Duration downloadable) {
        this.id = Objects.requireNonNull(id);
        this.actor = Objects.requireNonNull(actor);
        this.target = Objects.requireNonNull(target);
        this.sha256 = Objects.requireNonNull(sha256);
        this.sizeBytes = sizeBytes;
        this.createdAt = Instant.now();
        this.expiresAt = createdAt.plus(downloadable);
    }

    /** Whether the upload can still be fetched now: before its expiry, the file still there. */
    public boolean isOpen() {
        return fileRemovedAt == null && Instant.now().isBefore(expiresAt);
    }

    public void fileRemoved() {
        this.fileRemovedAt = Instant.now();
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
