package dev.berth.configs.entity;

import dev.berth.users.entity.AppUser;
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

/** One configuration file of one user as an admin wrote it. */
@Entity
@Table(name = "user_config_file")
@NamedQuery(name = ConfigFile.OF_OWNER, query = "select f from ConfigFile f where f.owner = :owner order by f.fileName")
public class ConfigFile {

    public static final String OF_OWNER = "ConfigFile.ofOwner";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "owner_id")
    private AppUser owner;
    private String fileName;
    private String content;
    private String updatedBy;
    private Instant updatedAt;

    protected ConfigFile() {
    }

    public ConfigFile(AppUser owner, String fileName, String content, String updatedBy) {
        this.owner = Objects.requireNonNull(owner);
        this.fileName = Objects.requireNonNull(fileName);
        edit(content, updatedBy);
    }

    public final void edit(String content, String updatedBy) {
        this.content = Objects.requireNonNull(content);
        this.updatedBy = Objects.requireNonNull(updatedBy);
        this.updatedAt = Instant.now();
    }

    public String getFileName() {
        return fileName;
    }

    public String getContent() {
        return content;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
