package dev.berth.agent.images.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.LoadResponseItem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ImageLoaderTest {

    /** An item as Docker sends it, read the way docker-java reads it. */
    private static LoadResponseItem item(String json) throws IOException {
        return new ObjectMapper().readValue(json, LoadResponseItem.class);
    }

    @Test
    void takesTheTagsDockerReportsLoaded() throws IOException {
        ImageLoader.Outcome outcome = new ImageLoader.Outcome();
        outcome.onNext(item("{\"stream\":\"Loaded image: vendor/esproc:1\\n\"}"));
        outcome.onNext(item("{\"stream\":\"Loaded image: vendor/esproc:latest\\n\"}"));

        assertThat(outcome.images()).containsExactly("vendor/esproc:1", "vendor/esproc:latest");
        assertThat(outcome.error).isNull();
    }

    @Test
    void takesTheIdWhenTheTarNamesNoTag() throws IOException {
        ImageLoader.Outcome outcome = new ImageLoader.Outcome();
        outcome.onNext(item("{\"stream\":\"Loaded image ID: sha256:abc\\n\"}"));

        assertThat(outcome.images()).containsExactly("sha256:abc");
    }

    @Test
    void keepsDockersError() throws IOException {
        ImageLoader.Outcome outcome = new ImageLoader.Outcome();
        outcome.onNext(item("{\"errorDetail\":{\"message\":\"archive/tar: invalid tar header\"},"
                + "\"error\":\"archive/tar: invalid tar header\"}"));

        assertThat(outcome.error).isEqualTo("archive/tar: invalid tar header");
        assertThat(outcome.images()).isEmpty();
    }

    @Test
    void checksEveryByteReadEvenSkippedOnesAndSurvivesClose() throws Exception {
        byte[] tar = "0123456789".repeat(1000).getBytes(StandardCharsets.US_ASCII);
        ImageLoader.Checked checked = new ImageLoader.Checked(new ByteArrayInputStream(tar));

        checked.readNBytes(10);
        checked.skip(100);
        checked.close();
        checked.transferTo(java.io.OutputStream.nullOutputStream());

        assertThat(checked.count).isEqualTo(tar.length);
        assertThat(checked.sha256())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tar)));
    }
}
