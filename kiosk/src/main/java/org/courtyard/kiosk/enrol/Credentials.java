package org.courtyard.kiosk.enrol;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * What enrolment gives a kiosk: the hub it enrolled with, its id and its token, and the name and
 * village the hub knows it by. Saved in {@code DATA/}{@value #FILE_NAME} with mode 600: the token
 * lets anyone who has it act as this kiosk.
 */
public record Credentials(URI hub, String kioskId, String token, String name, String village) {

    /** The file in the kiosk's data folder. */
    public static final String FILE_NAME = "credentials.properties";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    public Credentials {
        if (hub == null) {
            throw new IllegalArgumentException("hub must not be null");
        }
        if (kioskId == null || kioskId.isBlank()) {
            throw new IllegalArgumentException("kioskId must not be blank");
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
    }

    /** The credentials file of {@code dataDir}. */
    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /**
     * Reads the saved credentials, if enrolment saved any.
     *
     * @throws IllegalArgumentException naming the file if it exists but cannot be read or lacks a key
     */
    public static Optional<Credentials> load(Path dataDir) {
        Path file = file(dataDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the saved credentials " + file + ": " + e.getMessage()
                    + "; delete it to enrol this kiosk again", e);
        }
        try {
            return Optional.of(new Credentials(URI.create(required(properties, "hub", file)),
                    required(properties, "kiosk-id", file), required(properties, "token", file),
                    properties.getProperty("name"), properties.getProperty("village")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the saved credentials " + file + " are damaged (" + e.getMessage()
                    + "); delete the file to enrol this kiosk again", e);
        }
    }

    /**
     * Writes the credentials to {@code DATA/}{@value #FILE_NAME}, replacing any there, atomically
     * and durably: a power cut leaves the old file or the new one, never half of one. On a file
     * system without POSIX permissions (a Windows PC) the file gets the folder's default access.
     */
    public Path save(Path dataDir) {
        Path file = file(dataDir);
        Properties properties = new Properties();
        properties.setProperty("hub", hub.toString());
        properties.setProperty("kiosk-id", kioskId);
        properties.setProperty("token", token);
        if (name != null) {
            properties.setProperty("name", name);
        }
        if (village != null) {
            properties.setProperty("village", village);
        }
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "Written by the kiosk when it was enrolled. Secret: the token lets anyone act as "
                    + "this kiosk. Delete this file to enrol again.");
            Files.createDirectories(dataDir);
            Path temporary = dataDir.resolve(FILE_NAME + ".new");
            Files.deleteIfExists(temporary);
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            try (FileChannel channel = FileChannel.open(temporary,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
                channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            if (posix) {
                // The umask may have taken bits away, never added them; make it exactly 600.
                Files.setPosixFilePermissions(temporary, OWNER_ONLY);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the kiosk's credentials in " + file + ": " + e.getMessage(), e);
        }
    }

    private static String required(Properties properties, String key, Path file) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no '" + key + "' in " + file);
        }
        return value.strip();
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "Credentials[hub=" + hub + ", kioskId=" + kioskId + ", name=" + name + ", village=" + village + "]";
    }
}
