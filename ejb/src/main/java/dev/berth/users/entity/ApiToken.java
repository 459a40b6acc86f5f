package dev.berth.users.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user's API token for scripts ({@code Authorization: Bearer <secret>}). The secret is 256 random bits, handed out
 * once when the token is issued; the row keeps only its SHA-256. A token has no role of its own: it acts with its
 * user's role as the user's row says at each request, and only while the user is enabled.
 */
@Entity
@Table(name = "api_token")
@NamedQuery(name = ApiToken.CALLER, query = "select u.name, u.role from ApiToken t join t.user u"
        + " where t.secretHash = :hash and t.expiresAt > :now and u.disabled = false")
@NamedQuery(name = ApiToken.OF_USER, query = "select t from ApiToken t join fetch t.user u where u.name = :name"
        + " order by t.id")
@NamedQuery(name = ApiToken.ALL, query = "select t from ApiToken t join fetch t.user u order by u.name, t.id")
@NamedQuery(name = ApiToken.COUNT_OF_USER, query = "select count(t) from ApiToken t where t.user = :user")
@NamedQuery(name = ApiToken.EXPIRED, query = "select t from ApiToken t join fetch t.user where t.expiresAt <= :now")
public class ApiToken {

    public static final String CALLER = "ApiToken.caller";
    public static final String OF_USER = "ApiToken.ofUser";
    public static final String ALL = "ApiToken.all";
    public static final String COUNT_OF_USER = "ApiToken.countOfUser";
    public static final String EXPIRED = "ApiToken.expired";

    /** Every secret starts so: a leaked one is recognisable (by a secret scanner, in a log) as Berth's. */
    public static final String PREFIX = "berth_";
    private static final int SECRET_BYTES = 32;
    private static final Pattern SECRET = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id")
    private AppUser user;
    private String name;
    private String secretHash;
    private Instant createdAt;
    private Instant expiresAt;

    protected ApiToken() {
    }

    /**
     * A token of {@code user} for {@code secret} (see {@link #newSecret()}), valid until {@code expiresAt}.
     */
    public ApiToken(AppUser user, String name, String secret, Instant createdAt, Instant expiresAt) {
        this.user = Objects.requireNonNull(user);
        this.name = Objects.requireNonNull(name);
        this.secretHash = hash(secret);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.expiresAt = Objects.requireNonNull(expiresAt);
    }

    /** A new secret: {@link #PREFIX} and 256 random bits, URL-safe Base64 (43 characters). */
    public static String newSecret() {
        byte[] random = new byte[SECRET_BYTES];
        RANDOM.nextBytes(random);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Whether {@code text} has the form of a secret; anything else is refused without a database read. */
    public static boolean looksLikeSecret(String text) {
        return text != null && SECRET.matcher(text).matches();
    }

    /** The SHA-256 of a secret, hex: what the row keeps and a request's token is looked up by. */
    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** How the audit trail and messages name it: {@code token 12 'ci'}. */
    public String label() {
        return "token " + id + " '" + name + "'";
    }

    public Long getId() {
        return id;
    }

    public AppUser getUser() {
        return user;
    }

    public String getName() {
        return name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
