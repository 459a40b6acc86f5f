package dev.berth.web.images;

import dev.berth.images.entity.HostLoad;
import java.util.List;

/** How an image load went on one host, as the API shows it. */
public record HostLoadView(String host, String command, String state, List<String> images, String error) {

    static HostLoadView of(HostLoad load) {
        return new HostLoadView(load.host(), load.command(), load.state().name(), load.images(), load.error());
    }

    /** One line for the launcher: host, state, then the images or the error. */
    String line() {
        String what = error != null ? error.replace('\n', ' ') : String.join(" ", images);
        return host + "\t" + state + (what.isEmpty() ? "" : "\t" + what);
    }
}
