package dev.berth.web.users;

import dev.berth.users.entity.ApiToken;
import java.time.Instant;

/**
 * An API token as the API shows it: never its secret (only the answer that issued it has that, see
 * {@link IssuedToken}), nor the secret's hash.
 */
public record TokenView(long id, String name, String user, Instant createdAt, Instant expiresAt) {

    public static TokenView of(ApiToken token) {
        return new TokenView(token.getId(), token.getName(), token.getUser().getName(), token.getCreatedAt(),
                token.getExpiresAt());
    }
}
