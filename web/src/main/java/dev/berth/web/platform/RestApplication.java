package dev.berth.web.platform;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The REST API lives under {@code /api}. */
@ApplicationPath("api")
public class RestApplication extends Application {

    /**
     * Jersey holds back the first 8 KiB of every answer to compute its Content-Length, and a flush does not end
     * that: a followed log stream ({@code GET /units/{id}/logs?follow=true}) would show nothing until 8 KiB of log
     * had come. Without the buffer answers are sent chunked as they are written, and each flush reaches the client.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.contentLength.buffer", 0);
    }
}
