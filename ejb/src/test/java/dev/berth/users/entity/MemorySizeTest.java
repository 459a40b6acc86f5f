package dev.berth.users.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.platform.entity.BerthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MemorySizeTest {

    @ParameterizedTest
    @CsvSource({"500m,524288000", "2g,2147483648", "6144k,6291456", "6291456,6291456", "1G,1073741824",
            "' 64m ',67108864"})
    void readsDockerMemorySyntax(String text, long bytes) {
        assertThat(MemorySize.parse(text).bytes()).isEqualTo(bytes);
    }

    @Test
    void keepsTheTextNormalised() {
        assertThat(MemorySize.parse(" 512M ").text()).isEqualTo("512m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4m", "5m", "6291455", "1k"})
    void refusesLessThanDockersMinimum(String text) {
        assertThatThrownBy(() -> MemorySize.parse(text))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("below Docker's minimum of 6m");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "500mb", "-5m", "1.5g", "m"})
    void refusesWhatIsNoSize(String text) {
        assertThatThrownBy(() -> MemorySize.parse(text))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining("is not a size");
    }

    @Test
    void refusesMissingMemory() {
        assertThatThrownBy(() -> MemorySize.parse(null)).hasMessageContaining("memory is missing");
    }
}
