package dev.berth.users.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHashingTest {

    private static String hash(long iterations) {
        return "PBKDF2WithHmacSHA256:" + iterations + ":c2FsdHNhbHRzYWx0:aGFzaGhhc2hoYXNoaGFzaA==";
    }

    @Test
    void takesAGivenHashOfBerthsFormBetweenItsOwnAndTwentyTimesItsOwnIterations() {
        assertThat(PasswordHashing.refusalOfGivenHash("passwordHash", hash(50_000))).isNull();
        assertThat(PasswordHashing.refusalOfGivenHash("passwordHash", hash(1_000_000))).isNull();
    }

    @Test
    void refusesAHashThatIsCheaperToGuessOrCostlyForEveryLogin() {
        assertThat(PasswordHashing.refusalOfGivenHash("passwordHash", hash(49_999)))
                .isEqualTo("passwordHash has 49999 iterations, fewer than Berth's 50000: send the password, or a hash"
                        + " of at least 50000 iterations");
        // anyone may try a user's name at the login: each attempt would verify against this hash
        assertThat(PasswordHashing.refusalOfGivenHash("the <Pwd> hash of user aaa", hash(999_999_999)))
                .startsWith("the <Pwd> hash of user aaa has 999999999 iterations, more than 1000000");
        assertThat(PasswordHashing.refusalOfGivenHash("passwordHash", "{SSHA}c2FsdA=="))
                .startsWith("passwordHash is not a PBKDF2 hash as Berth stores it");
    }
}
