package dev.berth.users.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Remembers, for a short while ({@code BERTH_LOGIN_CACHE_SECONDS}, 60; 0 turns it off), that a password was verified
 * against its stored hash: a user's, so that a client sending Basic credentials on every request does not pay a
 * PBKDF2 verification each time, and a host agent's broker account, which the broker authenticates at every
 * connection and again whenever its own 10 s cache lapses, and a directory user's bind. Kept in memory only: per name, a salted SHA-256 of the password (the salt is random per process) and the
 * stored hash it was verified against. A changed password (by the user, an admin, an import) changes the stored
 * hash, which ends the entry at once, on every manager; so does {@link #forget}.
 */
@ApplicationScoped
public class VerifiedPasswords {

    /** Beyond this many names the memory is cleared rather than grown: a bound, not a working size. */
    static final int MAX_ENTRIES = 10_000;

    private record Entry(byte[] digest, String storedHash, Instant until) {
    }

    @Inject
    PasswordHashing passwords;

    @Inject
    @ConfigProperty(name = "berth.login.cache-seconds", defaultValue = "60")
    int cacheSeconds;

    private final Map<String, Entry> verified = new ConcurrentHashMap<>();
    private final byte[] salt = new byte[32];

    public VerifiedPasswords() {
        new SecureRandom().nextBytes(salt);
    }

    /** Whether {@code password} is the one {@code storedHash} of user {@code name} was made from. */
    public boolean matches(String name, String password, String storedHash) {
        return matches(name, password, storedHash, () -> passwords.matches(password, storedHash));
    }

    /**
     * Whether {@code password} is {@code name}'s, by {@code check} unless it said so a moment ago for the same
     * {@code storedHash}: any text that changes when the password's owner changes (a hash; for a directory, the
     * entry's DN).
     */
    public boolean matches(String name, String password, String storedHash, BooleanSupplier check) {
        if (cacheSeconds <= 0) {
            return check.getAsBoolean();
        }
        byte[] digest = digest(name, password);
        Instant now = Instant.now();
        Entry entry = verified.get(name);
        if (entry != null && now.isBefore(entry.until()) && entry.storedHash().equals(storedHash)
                && MessageDigest.isEqual(entry.digest(), digest)) {
            return true;
        }
        boolean matches = check.getAsBoolean();
        if (matches) {
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
            verified.put(name, new Entry(digest, storedHash, now.plus(Duration.ofSeconds(cacheSeconds))));
        } else if (entry != null) {
            verified.remove(name);
        }
        return matches;
    }

    /** How long a verified password is remembered (zero: not at all). */
    public Duration period() {
        return Duration.ofSeconds(Math.max(0, cacheSeconds));
    }

    /** Forgets what was verified of {@code name} (disabled, deleted, password changed). */
    public void forget(String name) {
        verified.remove(name);
    }

    private byte[] digest(String name, String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            return sha256.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
