package dev.berth.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The directory where the embedded run keeps its database, broker journal, secrets and homes. */
@ApplicationScoped
public class DataDirectory {

    @Inject
    ManagerConfig config;

    public Path root() {
        return Path.of(config.dataDir()).toAbsolutePath().normalize();
    }

    public Path resolve(String first, String... more) {
        return root().resolve(Path.of(first, more));
    }

    /** Writes a secret that only the owner may read. */
    public void writeSecret(String fileName, String secret) {
        Path file = resolve(fileName);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
