package dev.berth.units.entity;

import dev.berth.protocol.UnitStats;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What one unit used at one moment, as its agent sampled it: CPU in percent of one core, memory without the page
 * cache, and the memory limit. Kept for {@link StatsRetention}; the database removes a unit's samples with the unit.
 */
@Entity
@Table(name = "unit_stats")
@NamedQuery(name = StatsSample.OF_UNIT_SINCE, query = """
        select s from StatsSample s where s.unitId = :unit and s.at >= :since order by s.at, s.id""")
@NamedQuery(name = StatsSample.OLDER_THAN, query = "select s.id from StatsSample s where s.at < :before order by s.id")
@NamedQuery(name = StatsSample.DELETE, query = "delete from StatsSample s where s.id in :ids")
@NamedQuery(name = StatsSample.HOSTS_OF_UNITS, query = "select u.id, u.host.name from Unit u where u.id in :ids")
public class StatsSample {

    public static final String OF_UNIT_SINCE = "StatsSample.ofUnitSince";
    /** Ids of samples taken before {@code :before}, oldest first: a bounded batch for pruning. */
    public static final String OLDER_THAN = "StatsSample.olderThan";
    public static final String DELETE = "StatsSample.delete";
    /** The host of each of the units {@code :ids}, as pairs of unit id and host name. */
    public static final String HOSTS_OF_UNITS = "StatsSample.hostsOfUnits";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "unit_id")
    private long unitId;
    private Instant at;
    private double cpuPercent;
    private long memoryBytes;
    private long memoryLimitBytes;

    protected StatsSample() {
    }

    public StatsSample(UnitStats sample) {
        this.unitId = sample.unitId();
        this.at = sample.at() == null ? Instant.now() : sample.at();
        // a negative reading is no reading Docker makes: kept as none
        this.cpuPercent = Math.max(0, sample.cpuPercent());
        this.memoryBytes = Math.max(0, sample.memoryBytes());
        this.memoryLimitBytes = Math.max(0, sample.memoryLimitBytes());
    }

    public long getUnitId() {
        return unitId;
    }

    public Instant getAt() {
        return at;
    }

    public double getCpuPercent() {
        return cpuPercent;
    }

    public long getMemoryBytes() {
        return memoryBytes;
    }

    public long getMemoryLimitBytes() {
        return memoryLimitBytes;
    }
}
