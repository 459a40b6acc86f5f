package dev.berth.hosts.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

class VerifiedLoginsTest {

    private final VerifiedLogins logins = new VerifiedLogins();
    private final AtomicInteger slowChecks = new AtomicInteger();
    /** Stands in for PBKDF2: a "hash" is the password with a prefix. */
    private final BiPredicate<String, String> slow = (password, hash) -> {
        slowChecks.incrementAndGet();
        return hash.equals("h:" + password);
    };

    @Test
    void paysTheSlowCheckOncePerPasswordAndHash() {
        assertThat(logins.matches("agent-a", "secret", "h:secret", slow)).isTrue();
        assertThat(logins.matches("agent-a", "secret", "h:secret", slow)).isTrue();
        assertThat(logins.matches("agent-a", "secret", "h:secret", slow)).isTrue();

        assertThat(slowChecks).hasValue(1);
    }

    @Test
    void refusesAWrongPasswordEveryTime() {
        assertThat(logins.matches("agent-a", "secret", "h:secret", slow)).isTrue();

        assertThat(logins.matches("agent-a", "guess", "h:secret", slow)).isFalse();
        assertThat(logins.matches("agent-a", "guess", "h:secret", slow)).isFalse();
        assertThat(slowChecks).hasValue(3);
    }

    @Test
    void refusesTheOldPasswordOnceTheHostIsReKeyed() {
        assertThat(logins.matches("agent-a", "old", "h:old", slow)).isTrue();

        assertThat(logins.matches("agent-a", "old", "h:new", slow)).isFalse();
        assertThat(logins.matches("agent-a", "new", "h:new", slow)).isTrue();
    }

    @Test
    void keepsAccountsApart() {
        assertThat(logins.matches("agent-a", "secret", "h:secret", slow)).isTrue();

        assertThat(logins.matches("agent-b", "secret", "h:other", slow)).isFalse();
    }
}
