package dev.berth.users.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerifiedPasswordsTest {

    private final AtomicInteger slowChecks = new AtomicInteger();
    private final VerifiedPasswords verified = new VerifiedPasswords();

    VerifiedPasswordsTest() {
        // stands in for PBKDF2: a "hash" is the password with a prefix
        verified.passwords = new PasswordHashing() {
            @Override
            public boolean matches(String password, String storedHash) {
                slowChecks.incrementAndGet();
                return storedHash.equals("h:" + password);
            }
        };
        verified.cacheSeconds = 60;
    }

    @Test
    void paysTheSlowCheckOncePerPasswordAndHash() {
        assertThat(verified.matches("agent-a", "secret", "h:secret")).isTrue();
        assertThat(verified.matches("agent-a", "secret", "h:secret")).isTrue();
        assertThat(verified.matches("agent-a", "secret", "h:secret")).isTrue();

        assertThat(slowChecks).hasValue(1);
    }

    @Test
    void refusesAWrongPasswordEveryTime() {
        assertThat(verified.matches("aaa", "secret", "h:secret")).isTrue();

        assertThat(verified.matches("aaa", "guess", "h:secret")).isFalse();
        assertThat(verified.matches("aaa", "guess", "h:secret")).isFalse();
        assertThat(slowChecks).hasValue(3);
    }

    @Test
    void refusesTheOldPasswordOnceTheStoredHashChanged() {
        assertThat(verified.matches("agent-a", "old", "h:old")).isTrue();

        assertThat(verified.matches("agent-a", "old", "h:new")).isFalse();
        assertThat(verified.matches("agent-a", "new", "h:new")).isTrue();
    }

    @Test
    void keepsNamesApartAndForgetsOnRequest() {
        assertThat(verified.matches("agent-a", "secret", "h:secret")).isTrue();
        assertThat(verified.matches("agent-b", "secret", "h:other")).isFalse();

        verified.forget("agent-a");
        assertThat(verified.matches("agent-a", "secret", "h:secret")).isTrue();
        assertThat(slowChecks).hasValue(3);
    }
}
