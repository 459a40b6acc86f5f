package dev.berth.commands.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.protocol.CommandType;
import org.junit.jupiter.api.Test;

class CommandTest {

    @Test
    void isAnsweredOnlyByTheAgentAccountOfItsHost() {
        Command start = new Command(CommandType.START, 7, "h2", "admin", "aaa");

        assertThat(start.isAnswerableBy("agent-h2")).isTrue();
        assertThat(start.isAnswerableBy("agent-h1")).isFalse();
        assertThat(start.isAnswerableBy("agent-h2x")).isFalse();
        assertThat(start.isAnswerableBy("manager")).isFalse();
        assertThat(start.isAnswerableBy("h2")).isFalse();
        assertThat(start.isAnswerableBy(null)).isFalse();
    }

    @Test
    void keepsNoLogRequest() {
        assertThatThrownBy(() -> new Command(CommandType.LOGS, 7, "h2", "admin", "aaa"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LOGS is no command kind");
    }

    @Test
    void isAnsweredOnlyByTheAgentOfTheHostAnImageLoadWentTo() {
        Command load = Command.imageLoad("u-1", "h1", "admin");

        assertThat(load.isAnswerableBy("agent-h1")).isTrue();
        assertThat(load.isAnswerableBy("agent-h2")).isFalse();
    }
}
