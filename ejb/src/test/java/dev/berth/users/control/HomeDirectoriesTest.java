package dev.berth.users.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.platform.control.DataDirectory;
import dev.berth.platform.entity.BerthException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HomeDirectoriesTest {

    private static HomeDirectories homes(String allowedRoots) {
        HomeDirectories homes = new HomeDirectories();
        homes.data = new DataDirectory() {
            @Override
            public Path root() {
                return Path.of("/var/berth");
            }
        };
        homes.allowedRoots = Optional.ofNullable(allowedRoots);
        return homes;
    }

    @Test
    void putsAHomeUnderTheDataDirectoryByDefault() {
        assertThat(homes(null).homeOf("aaa", null)).isEqualTo(Path.of("/var/berth/homes/aaa"));
    }

    @Test
    void takesAGivenHomeInsideAnAllowedRoot() {
        assertThat(homes("/srv/homes, /data/users").homeOf("aaa", "/data/users/aaa/"))
                .isEqualTo(Path.of("/data/users/aaa"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /srv/homes/../../etc      | climbs out of its directory
            /srv/homes/aaa/../../root | climbs out of its directory
            /etc                      | outside the allowed roots
            /srv/homesick/aaa         | outside the allowed roots
            /srv/homes                | outside the allowed roots
            relative/aaa              | must be an absolute path
            """)
    void refusesHomesOutsideTheRoots(String requested, String message) {
        assertThatThrownBy(() -> homes("/srv/homes").homeOf("aaa", requested))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /srv/homes/aaa/bbb | lies inside the home of user aaa
            /srv/homes         | holds the home of user aaa
            /srv/homes/aaa/    | is the home of user aaa
            """)
    void refusesAHomeInsideAnotherOrHoldingOne(String home, String message) {
        assertThatThrownBy(() -> HomeDirectories.requireApart(Path.of(home), Map.of("aaa", "/srv/homes/aaa")))
                .isInstanceOf(BerthException.class)
                .hasMessageContaining(message);
    }

    @Test
    void takesHomesSideBySide() {
        HomeDirectories.requireApart(Path.of("/srv/homes/aaa2"), Map.of("aaa", "/srv/homes/aaa"));
    }
}
