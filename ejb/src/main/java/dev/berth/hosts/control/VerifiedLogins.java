package dev.berth.hosts.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers which password last matched an agent account's stored hash, so that a connection pays the 50,000
 * PBKDF2 iterations once per password and hash, not at every login: the broker authenticates each new connection
 * and again whenever its own 10 s cache lapses. Only a keyed digest of the password is held (the key is random per
 * process, never stored), and an entry counts only while the stored hash is the one it was verified against, so a
 * re-keyed or removed host's old password fails at once.
 */
@ApplicationScoped
public class VerifiedLogins {

    private record Verified(String storedHash, byte[] digest) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final byte[] key = new byte[32];

    public VerifiedLogins() {
        new SecureRandom().nextBytes(key);
    }

    /**
     * Whether {@code password} matches {@code storedHash} for {@code user}; {@code slowCheck} (the PBKDF2
     * verification) runs only when this password was not verified against this hash before.
     */
    public boolean matches(String user, String password, String storedHash, BiPredicate<String, String> slowCheck) {
        byte[] digest = digest(user, password);
        Verified known = verified.get(user);
        if (known != null && known.storedHash().equals(storedHash) && MessageDigest.isEqual(known.digest(), digest)) {
            return true;
        }
        if (!slowCheck.test(password, storedHash)) {
            return false;
        }
        verified.put(user, new Verified(storedHash, digest));
        return true;
    }

    /** Forgets what was verified for {@code user} (its account was re-keyed or removed). */
    public void forget(String user) {
        verified.remove(user);
    }

    private byte[] digest(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java has HmacSHA256", e);
        }
    }
}
