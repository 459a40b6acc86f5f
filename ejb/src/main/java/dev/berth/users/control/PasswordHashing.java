package dev.berth.users.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PBKDF2 hashing of passwords, with the same parameters the login's identity store verifies with. A password is never
 * stored or logged in clear.
 * <p>
 * 50,000 iterations of HMAC-SHA256: HTTP Basic verifies on every request, so this is the cost every API call pays
 * (a few tens of milliseconds on two cores); raise it in step with the identity store if your clients keep sessions.
 */
@ApplicationScoped
public class PasswordHashing {

    /** The identity store's {@code hashAlgorithmParameters}; keep both in step. */
    public static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    public static final int ITERATIONS = 50000;
    /** The most iterations a hash given by a client may have: 20 times Berth's own. */
    public static final int MAX_GIVEN_ITERATIONS = 1_000_000;

    @Inject
    Pbkdf2PasswordHash hash;

    /**
     * A PBKDF2 hash as Berth stores it ({@code PBKDF2WithHmacSHA256:50000:<salt>:<hash>}), as found in an exported
     * {@code docker_user.xml} or given by a provisioning producer that holds hashes rather than passwords.
     */
    public static final Pattern STORED_HASH = Pattern.compile(
            "PBKDF2WithHmac(SHA224|SHA256|SHA384|SHA512):(\\d{1,9}):[A-Za-z0-9+/]+={0,2}:[A-Za-z0-9+/]+={0,2}");

    /** A hash no password given to a login is expected to match: unknown names are verified against it. */
    private String dummy;

    @PostConstruct
    void configure() {
        hash.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", ALGORITHM,
                "Pbkdf2PasswordHash.Iterations", String.valueOf(ITERATIONS)));
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        dummy = hash(Base64.getEncoder().encodeToString(random));
    }

    public String hash(String password) {
        return hash.generate(password.toCharArray());
    }

    /**
     * The same work as {@link #matches} for a name no user has, so that a login's timing does not tell whether the
     * name exists; always false.
     */
    public boolean matchesNothing(String password) {
        hash.verify(password.toCharArray(), dummy);
        return false;
    }

    /**
     * Why a hash given by a client cannot be stored as a user's (null when it can): not of Berth's form; made with
     * fewer iterations than Berth's own, which would make that user's password cheaper to guess; or with more than
     * {@value #MAX_GIVEN_ITERATIONS}, which would let anyone who tries that user's name at the login spend seconds of
     * the manager's CPU per attempt.
     *
     * @param what what carried the hash, to start the answer with, e.g. {@code passwordHash}
     */
    public static String refusalOfGivenHash(String what, String given) {
        Matcher hash = STORED_HASH.matcher(given);
        if (!hash.matches()) {
            return what + " is not a PBKDF2 hash as Berth stores it (PBKDF2WithHmacSHA256:<iterations>:<salt base64>:"
                    + "<hash base64>)";
        }
        long iterations = Long.parseLong(hash.group(2));
        if (iterations < ITERATIONS) {
            return what + " has " + iterations + " iterations, fewer than Berth's " + ITERATIONS + ": send the"
                    + " password, or a hash of at least " + ITERATIONS + " iterations";
        }
        if (iterations > MAX_GIVEN_ITERATIONS) {
            return what + " has " + iterations + " iterations, more than " + MAX_GIVEN_ITERATIONS + ": every login"
                    + " attempt for that user would cost that much work; send the password, or a hash of at most "
                    + MAX_GIVEN_ITERATIONS + " iterations";
        }
        return null;
    }

    /** Whether {@code password} is the one {@code storedHash} was made from. */
    public boolean matches(String password, String storedHash) {
        return hash.verify(password.toCharArray(), storedHash);
    }
}
