package dev.berth.web.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Moments as the console's pages show them: local time of the manager, to the second. */
final class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private Times() {
    }

    static String of(Instant at) {
        return at == null ? "" : FORMAT.format(at);
    }
}
