package dev.berth.web.users;

import dev.berth.users.boundary.ApiTokens;
import java.time.Instant;

/** The answer to issuing a token: the token and, this once, its secret ({@code token}), to send as Bearer. */
public record IssuedToken(long id, String name, String user, Instant createdAt, Instant expiresAt, String token) {

    public static IssuedToken of(ApiTokens.Issued issued) {
        TokenView view = TokenView.of(issued.token());
        return new IssuedToken(view.id(), view.name(), view.user(), view.createdAt(), view.expiresAt(),
                issued.secret());
    }
}
