package dev.berth.sessions.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionRulesTest {

    private static final SessionRules CONFIGURED = SessionRules.of("refuse", 300, "stop");

    @Test
    void readsTheConfiguredRulesInAnyCase() {
        assertThat(SessionRules.of("TakeOver", 60, "LEAVE"))
                .isEqualTo(new SessionRules(SessionPolicy.TAKEOVER, Duration.ofSeconds(60), SessionEnd.LEAVE));
    }

    @Test
    void refusesRulesThatAreNone() {
        assertThatThrownBy(() -> SessionRules.of("first-wins", 300, "stop"))
                .hasMessage("session policy 'first-wins' is none of refuse, takeover");
        assertThatThrownBy(() -> SessionRules.of("refuse", 300, "pause"))
                .hasMessage("session end 'pause' is none of stop, leave");
        assertThatThrownBy(() -> SessionRules.of("refuse", 1, "stop"))
                .hasMessage("session expiry 1 s is outside 2..86400 seconds");
    }

    @Test
    void anAdminsChoiceHoldsOverTheConfigurationRuleByRule() {
        SessionSettings chosen = new SessionSettings("admin");
        chosen.change("takeover", null, null, "admin");

        assertThat(chosen.over(CONFIGURED))
                .isEqualTo(new SessionRules(SessionPolicy.TAKEOVER, Duration.ofSeconds(300), SessionEnd.STOP));

        chosen.change(null, 5, "leave", "admin");
        assertThat(chosen.over(CONFIGURED))
                .as("a rule left out goes back to the configured one")
                .isEqualTo(new SessionRules(SessionPolicy.REFUSE, Duration.ofSeconds(5), SessionEnd.LEAVE));
    }

    @Test
    void anAdminsBadChoiceChangesNothing() {
        SessionSettings chosen = new SessionSettings("admin");
        chosen.change("takeover", 60, "leave", "admin");

        assertThatThrownBy(() -> chosen.change("takeover", 0, "leave", "admin"))
                .hasMessageContaining("outside 2..86400");
        assertThat(chosen.over(CONFIGURED).expiry()).isEqualTo(Duration.ofSeconds(60));
    }
}
