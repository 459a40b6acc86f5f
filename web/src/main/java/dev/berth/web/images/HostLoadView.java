package dev.berth.web.images;

import dev.berth.images.entity.HostLoad;
import java.util.List;

/** How an image load went on one host, as the API shows it. */
public record HostLoadView(String host, String command, String state, List<String> images, String error) {

    static HostLoadView of(HostLoad load) {
        return new HostLoadView(load.host(), load.command(), load.state().name(), load.images(), load.error());
    }
}
