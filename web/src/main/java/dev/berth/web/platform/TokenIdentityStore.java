package dev.berth.web.platform;

import dev.berth.users.boundary.ApiTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * API tokens as Jakarta Security's identity store: it validates a {@link BearerCredential} (the other stores do not
 * know it, and this one knows nothing else). The caller is the token's user, the group their role as the user's row
 * says now ({@link ApiTokens#caller}).
 */
@ApplicationScoped
public class TokenIdentityStore implements IdentityStore {

    @Inject
    ApiTokens tokens;

    /** A Bearer token; anything else is another store's (answered at once, without the default's reflection). */
    @Override
    public CredentialValidationResult validate(Credential credential) {
        return credential instanceof BearerCredential bearer ? validate(bearer)
                : CredentialValidationResult.NOT_VALIDATED_RESULT;
    }

    public CredentialValidationResult validate(BearerCredential credential) {
        return tokens.caller(credential.getSecret())
                .map(c -> new CredentialValidationResult(c.name(), Set.of(c.role().name())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
