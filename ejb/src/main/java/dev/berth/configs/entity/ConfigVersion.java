package dev.berth.configs.entity;

import dev.berth.users.entity.AppUser;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One saved version of one configuration file of one user, numbered from 1 per file: what an edit, a revert to the
 * generated file or a revert to an older version saved, by whom and when, with a line saying what it was.
 */
@Entity
@Table(name = "user_config_version")
@NamedQuery(name = ConfigVersion.OF_FILE, query = """
        select v from ConfigVersion v where v.owner = :owner and v.fileName = :file order by v.number desc""")
@NamedQuery(name = ConfigVersion.NUMBERED, query = """
        select v from ConfigVersion v where v.owner = :owner and v.fileName = :file and v.number = :number""")
@NamedQuery(name = ConfigVersion.LAST_NUMBER, query = """
        select max(v.number) from ConfigVersion v where v.owner = :owner and v.fileName = :file""")
@NamedQuery(name = ConfigVersion.DELETE_OF_OWNER, query = "delete from ConfigVersion v where v.owner = :owner")
public class ConfigVersion {

    /** A file's versions, newest first. */
    public static final String OF_FILE = "ConfigVersion.ofFile";
    public static final String NUMBERED = "ConfigVersion.numbered";
    /** The highest number of a file's versions; null when it has none. */
    public static final String LAST_NUMBER = "ConfigVersion.lastNumber";
    public static final String DELETE_OF_OWNER = "ConfigVersion.deleteOfOwner";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_id")
    private AppUser owner;
    private String fileName;
    @Column(name = "version_number")
    private int number;
    private String content;
    private String summary;
    private String createdBy;
    private Instant createdAt;

    protected ConfigVersion() {
    }

    /** The version after {@code previous} (0: the file's first). */
    public ConfigVersion(AppUser owner, String fileName, int previous, String content, String summary,
                         String createdBy) {
        this.owner = Objects.requireNonNull(owner);
        this.fileName = Objects.requireNonNull(fileName);
        this.number = previous + 1;
        this.content = Objects.requireNonNull(content);
        this.summary = summary.length() > 200 ? summary.substring(0, 199) + "…" : summary;
        this.createdBy = Objects.requireNonNull(createdBy);
        this.createdAt = Instant.now();
    }

    public String getFileName() {
        return fileName;
    }

    public int getNumber() {
        return number;
    }

    public String getContent() {
        return content;
    }

    public String getSummary() {
        return summary;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
