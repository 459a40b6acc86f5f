package dev.berth.agent.containers.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A previous container is told apart by its name alone: its labels are the unit's, and labels cannot change. */
class PreviousContainerNamesTest {

    @Test
    void namesThePreviousContainerAfterTheUnitsOwn() {
        assertThat(Containers.previousName("berth-aaa-8281")).isEqualTo("berth-aaa-8281-previous");
    }

    @Test
    void knowsAPreviousContainerAsDockerListsItWithOrWithoutTheSlash() {
        assertThat(Containers.isPreviousName("/berth-aaa-8281-previous")).isTrue();
        assertThat(Containers.isPreviousName("berth-aaa-8281-previous")).isTrue();
        assertThat(Containers.isPreviousName("/berth-aaa-8281")).isFalse();
        assertThat(Containers.isPreviousName(null)).isFalse();
    }

    @Test
    void aUnitsOwnNameIsNeverAPreviousOne() {
        // container names are berth-<user>-<port>: a port ends them, so no user name makes one look previous
        assertThat(Containers.isPreviousName("berth-previous-8281")).isFalse();
    }
}
