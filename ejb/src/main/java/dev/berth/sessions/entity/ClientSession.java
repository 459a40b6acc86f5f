package dev.berth.sessions.entity;

import dev.berth.platform.entity.BerthException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One login of a user's client: from which address, since when, last kept alive when, which of the user's units it
 * started, and how it ended. While it lives, {@code liveUser} holds the user's name, and the table's unique
 * constraint on it keeps one live session per user name even against two logins at the same instant; an ended
 * session stays as history.
 */
@Entity
@Table(name = "client_session")
@NamedQuery(name = ClientSession.LIVE, query = "select s from ClientSession s where s.liveUser is not null"
        + " order by s.openedAt")
@NamedQuery(name = ClientSession.LIVE_OF_USER, query = "select s from ClientSession s where s.liveUser = :user")
public class ClientSession {

    public static final String LIVE = "ClientSession.live";
    public static final String LIVE_OF_USER = "ClientSession.liveOfUser";

    @Id
    private String id;
    private String userName;
    private String liveUser;
    private String clientAddress;
    private Instant openedAt;
    private Instant lastSeen;
    private Instant endedAt;
    private String endReason;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "client_session_unit", joinColumns = @JoinColumn(name = "session_id"))
    @OrderColumn(name = "position")
    @Column(name = "unit_id")
    private List<Long> startedUnits = new ArrayList<>();
    @Version
    private long version;

    protected ClientSession() {
    }

    public ClientSession(String userName, String clientAddress, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.userName = Objects.requireNonNull(userName);
        this.liveUser = userName;
        this.clientAddress = Objects.requireNonNull(clientAddress);
        // as the database keeps it, so that what a login answers and what later reads show are the same instant
        this.openedAt = Objects.requireNonNull(now).truncatedTo(ChronoUnit.MILLIS);
        this.lastSeen = openedAt;
    }

    public boolean isLive() {
        return endedAt == null;
    }

    /** When it ends unless kept alive before. */
    public Instant expiresAt(Duration expiry) {
        return lastSeen.plus(expiry);
    }

    /** Whether it has not been kept alive for longer than {@code expiry}. */
    public boolean isExpiredAt(Instant now, Duration expiry) {
        return isLive() && now.isAfter(expiresAt(expiry));
    }

    /**
     * Its client is still there.
     *
     * @throws BerthException (409) when it has ended: the client logs in again
     */
    public void keepAlive(Instant now) {
        requireLive();
        this.lastSeen = now.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Notes the units this session started (its end stops them). */
    public void started(List<Long> units) {
        units.stream().filter(unit -> !startedUnits.contains(unit)).forEach(startedUnits::add);
    }

    /** Takes over from {@code older}, which has ended: the units it started are this one's to stop now. */
    public void takeOver(ClientSession older) {
        started(older.startedUnits);
    }

    /**
     * Ends it; ending one that has ended already changes nothing.
     *
     * @param reason why, as the session and the audit trail show it
     */
    public void end(String reason, Instant now) {
        if (isLive()) {
            this.endedAt = now.truncatedTo(ChronoUnit.MILLIS);
            this.endReason = Objects.requireNonNull(reason);
            this.liveUser = null;
        }
    }

    /** @throws BerthException (409) when it has ended, saying when and why */
    public void requireLive() {
        if (!isLive()) {
            throw BerthException.conflict("session " + id + " ended at " + endedAt + " (" + endReason + "); log in"
                    + " again (POST /api/sessions, or berth login)");
        }
    }

    /**
     * Why a second login of this session's user from {@code address} is refused while this one lives, and what to
     * do.
     */
    public String refusal(String address, Duration expiry) {
        return "user " + userName + " is logged in already, since " + openedAt + " from " + clientAddress
                + " (session " + id + "); the same user name may not be used twice at the same time: log out there"
                + " first (berth logout, or DELETE /api/sessions/" + id + "), wait until it expires (at "
                + expiresAt(expiry) + " unless kept alive), or ask an administrator to end it"
                + (address.equals(clientAddress) ? "" : "; this login came from " + address);
    }

    public String getId() {
        return id;
    }

    public String getUserName() {
        return userName;
    }

    public String getClientAddress() {
        return clientAddress;
    }

    public Instant getOpenedAt() {
        return openedAt;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }

    public Instant getEndedAt() {
        return endedAt;
    }

    public String getEndReason() {
        return endReason;
    }

    public List<Long> getStartedUnits() {
        return List.copyOf(startedUnits);
    }
}
