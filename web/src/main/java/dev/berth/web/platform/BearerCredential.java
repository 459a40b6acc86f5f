package dev.berth.web.platform;

import jakarta.security.enterprise.credential.AbstractClearableCredential;

/** The secret of an {@code Authorization: Bearer} header, as Jakarta Security hands it to the identity stores. */
public class BearerCredential extends AbstractClearableCredential {

    private String secret;

    public BearerCredential(String secret) {
        this.secret = secret;
    }

    public String getSecret() {
        return secret;
    }

    @Override
    protected void clearCredential() {
        secret = null;
    }
}
