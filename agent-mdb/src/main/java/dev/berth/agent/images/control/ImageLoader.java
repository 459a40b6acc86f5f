package dev.berth.agent.images.control;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.LoadResponseItem;
import dev.berth.agent.platform.AgentConfiguration;
import dev.berth.protocol.AgentResult;
import dev.berth.protocol.DownloadProof;
import dev.berth.protocol.ImageDownload;
import dev.berth.protocol.LoadImage;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Loads an uploaded image tar into this host's engine: fetches it from the manager with this agent's proof and
 * streams it straight into Docker (never to disk, never whole into memory), then checks that what it read is what
 * was uploaded. Answers with the images Docker reports loaded, or with Docker's own reason when it refused the tar.
 */
@ApplicationScoped
public class ImageLoader {

    /** A load of a few hundred megabytes takes seconds; this only bounds a hung engine. */
    static final Duration LOAD_LIMIT = Duration.ofMinutes(30);
    private static final String LOADED = "Loaded image: ";
    private static final String LOADED_ID = "Loaded image ID: ";
    private static final Logger LOG = Logger.getLogger(ImageLoader.class.getName());

    @Inject
    DockerClient docker;

    @Inject
    AgentConfiguration config;

    private HttpClient http;

    /**
     * One client for all fetches; over https it trusts {@code berth.agent.manager-truststore} when given. HTTP/1.1, as
     * the command line: a fetch over plain HTTP that offered the upgrade to HTTP/2 (the client's default) once failed
     * in CI, Payara having answered the upgrade with HTTP/1.1 bytes where HTTP/2 frames belonged ("Frame type(80)
     * length(4740180)", the bytes of {@code HTT}).
     */
    @PostConstruct
    void connect() {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        config.managerTls().ifPresent(builder::sslContext);
        http = builder.build();
    }

    public AgentResult load(LoadImage command) {
        ImageDownload image = command.image();
        Optional<String> manager = config.managerUrl();
        if (manager.isEmpty()) {
            return failed(command, "the agent of host " + config.host() + " does not know where the manager is:"
                    + " set BERTH_AGENT_MANAGER_URL (e.g. http://<manager>:8080) and restart it");
        }
        URI uri = URI.create(manager.get() + image.path());
        String where = manager.get() + image.path();
        HttpResponse<InputStream> response;
        try {
            // the proof goes in headers: never in a message, a URL or a log
            response = http.send(HttpRequest.newBuilder(uri)
                    .header(DownloadProof.HOST_HEADER, config.host())
                    .header(DownloadProof.PROOF_HEADER, config.downloadKey())
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            return failed(command, "host " + config.host() + " could not fetch the image tar from " + where + ": "
                    + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(command, "interrupted while fetching the image tar from " + where);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                String why = new String(body.readNBytes(2000), StandardCharsets.UTF_8);
                return failed(command, "the manager refused host " + config.host() + " the image tar at " + where
                        + " (HTTP " + response.statusCode() + "): " + why);
            }
            return loadFrom(command, body);
        } catch (IOException e) {
            return failed(command, "host " + config.host() + " lost the image tar from " + where + " while loading"
                    + " it: " + e);
        }
    }

    private AgentResult loadFrom(LoadImage command, InputStream body) throws IOException {
        ImageDownload image = command.image();
        Checked tar = new Checked(body);
        Outcome outcome = new Outcome();
        try {
            boolean done = docker.loadImageAsyncCmd(tar).exec(outcome)
                    .awaitCompletion(LOAD_LIMIT.toMinutes(), TimeUnit.MINUTES);
            if (!done) {
                outcome.close();
                return failed(command, "Docker on host " + config.host() + " did not finish loading the image within "
                        + LOAD_LIMIT.toMinutes() + " min");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(command, "interrupted while loading the image on host " + config.host());
        } catch (RuntimeException e) {
            return failed(command, "Docker on host " + config.host() + " refused the image tar: " + e.getMessage());
        }
        if (outcome.error != null) {
            return failed(command, "Docker on host " + config.host() + " refused the image tar: " + outcome.error);
        }
        // Docker may stop reading before the tar's trailing blocks; the checksum covers the whole file
        tar.transferTo(OutputStream.nullOutputStream());
        String sha256 = tar.sha256();
        if (tar.count != image.size() || !sha256.equals(image.sha256())) {
            return failed(command, "the image tar host " + config.host() + " fetched (" + tar.count
                    + " bytes, sha256 " + sha256 + ") is not the one uploaded (" + image.size() + " bytes, sha256 "
                    + image.sha256() + "); Docker loaded " + outcome.images() + " from it. Upload the image again");
        }
        List<String> images = outcome.images();
        if (images.isEmpty()) {
            return failed(command, "Docker on host " + config.host() + " loaded no image from the tar: "
                    + String.join(" ", outcome.messages));
        }
        LOG.info(() -> "command " + command.commandId() + ": loaded " + images);
        return AgentResult.loaded(command.commandId(), config.host(), images);
    }

    private AgentResult failed(LoadImage command, String reason) {
        LOG.info(() -> "command " + command.commandId() + " (load image) failed: " + reason);
        return AgentResult.failed(command.commandId(), 0, config.host(), null, reason);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** What Docker says while loading: "Loaded image: x:y" lines, or an error. */
    static final class Outcome extends ResultCallback.Adapter<LoadResponseItem> {

        final List<String> messages = new ArrayList<>();
        volatile String error;

        @Override
        public void onNext(LoadResponseItem item) {
            if (item.isErrorIndicated()) {
                error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : item.getError();
            } else if (item.getStream() != null) {
                synchronized (messages) {
                    messages.add(item.getStream().strip());
                }
            }
        }

        /** The tags loaded; the image ids when the tar names no tag. */
        List<String> images() {
            synchronized (messages) {
                List<String> tags = loaded(LOADED);
                return tags.isEmpty() ? loaded(LOADED_ID) : tags;
            }
        }

        private List<String> loaded(String prefix) {
            List<String> names = new ArrayList<>();
            for (String message : messages) {
                message.lines().filter(line -> line.startsWith(prefix))
                        .forEach(line -> names.add(line.substring(prefix.length()).trim()));
            }
            return names;
        }
    }

    /** Counts and digests every byte read through it, skipped ones included. */
    static final class Checked extends FilterInputStream {

        final MessageDigest digest = newSha256();
        long count;

        Checked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digest.update((byte) b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                digest.update(buffer, offset, n);
                count += n;
            }
            return n;
        }

        /** Docker's client closes what it sent; the rest is still needed for the checksum, so only the caller closes. */
        @Override
        public void close() {
        }

        @Override
        public long skip(long n) throws IOException {
            return Math.max(0, read(new byte[(int) Math.min(Math.max(n, 0), 8192)]));
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
