package org.courtyard.hub.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.courtyard.hub.store.internal.LegacySchema;
import org.courtyard.hub.store.internal.Migrations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConnection;

/**
 * Online backups of a hub's data directory, and their verified restore.
 *
 * <p>A backup is one zip file: {@code hub.db}, a consistent copy of the database made with
 * SQLite's online backup API while the hub keeps serving; {@code files/...}, every other file of
 * the data directory (audio, photos and memos named by their checksum); and
 * {@value #MANIFEST}, listing each entry with its size and SHA-256, the schema (each feature's
 * newest step) and the time. The database is copied first: files named by checksum never change, and a file is
 * written before the row that names it commits, so every file the copy references is there.
 *
 * <p>Left out: the database's own {@code -wal}/{@code -shm} files (their content is in the
 * copy), {@value DataLock#FILE}, and anything whose name starts with a dot or ends in
 * {@code .tmp} or {@code .part} (work in progress).
 */
public final class Backup {

    /** The manifest entry inside a backup. */
    public static final String MANIFEST = "courtyard-backup.properties";
    /** Name of the database inside the data directory and inside a backup. */
    public static final String DATABASE = "hub.db";

    private static final Logger LOG = LoggerFactory.getLogger(Backup.class);
    private static final int FORMAT = 1;
    private static final String FILES = "files/";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("hub-backup-(\\d{8}T\\d{6}Z)\\.zip");
    private static final Pattern CHECKSUM_NAME = Pattern.compile("[0-9a-f]{64}(\\..*)?");

    /**
     * What a backup holds, from its manifest. {@code schema} is the newest step of each feature's
     * schema in its database (a backup from before per-feature steps says {@code schema-version}
     * instead, read as the steps that version became).
     */
    public record Manifest(Instant createdAt, Map<String, Integer> schema, String hubVersion,
            Map<String, Entry> entries) {

        public Manifest {
            schema = Collections.unmodifiableMap(new TreeMap<>(schema));
        }

        /** The schema as the manifest writes it and people read it: {@code announce:1,audit:1,...}. */
        public String schemaText() {
            return String.join(",", schema.entrySet().stream().map(step -> step.getKey() + ":" + step.getValue())
                    .toList());
        }

        /** Files other than the database. */
        public int files() {
            return entries.size() - 1;
        }
    }

    /** One entry of a backup. */
    public record Entry(String path, long bytes, String sha256) {
    }

    /** A written backup. */
    public record Written(Path file, long bytes, Manifest manifest) {
    }

    /** A finished restore; {@code movedAside} holds what the data directory had before, if anything. */
    public record Restored(Manifest manifest, Optional<Path> movedAside) {
    }

    private Backup() {
    }

    /** The file name of a backup made at {@code at}: {@code hub-backup-20261129T100000Z.zip}. */
    public static String fileName(Instant at) {
        return "hub-backup-" + STAMP.format(at) + ".zip";
    }

    /** When the backup named {@code name} was made, if it is named like {@link #fileName}. */
    public static Optional<Instant> madeAt(String name) {
        var matcher = NAME.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(Instant.from(STAMP.parse(matcher.group(1))));
    }

    /**
     * Backs up {@code dataDir} into the new file {@code target}, while a hub may be running on it.
     * The copy of the database is checked ({@code PRAGMA integrity_check}) before it is packed;
     * the zip is written beside {@code target} and renamed into place once complete and on disk.
     *
     * @throws IllegalArgumentException if {@code dataDir} holds no hub database or {@code target} exists
     * @throws IllegalStateException if the database copy is damaged (then so is the database)
     * @throws UncheckedIOException if reading or writing fails
     */
    public static Written create(Path dataDir, Path target, Clock clock) {
        Path database = dataDir.resolve(DATABASE);
        if (!Files.isRegularFile(database)) {
            throw new IllegalArgumentException("no hub database in " + dataDir + " (" + DATABASE + " is missing)");
        }
        if (Files.exists(target)) {
            throw new IllegalArgumentException("the backup file " + target + " already exists");
        }
        Path snapshot = target.resolveSibling(target.getFileName() + ".db.tmp");
        Path partial = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.deleteIfExists(snapshot);
            copyDatabase(database, snapshot);
            Map<String, Integer> schema = check(snapshot);
            Map<String, Entry> entries = new LinkedHashMap<>();
            try (OutputStream file = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
                    ZipOutputStream zip = new ZipOutputStream(file)) {
                entries.put(DATABASE, add(zip, DATABASE, snapshot));
                for (Path path : dataFiles(dataDir)) {
                    String name = FILES + relative(dataDir, path);
                    Entry entry = add(zip, name, path);
                    warnIfNotItsChecksum(path, entry);
                    entries.put(name, entry);
                }
                Manifest manifest = new Manifest(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                        schema, hubVersion(), entries);
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(manifestText(manifest));
                zip.closeEntry();
                zip.finish();
                file.flush();
                try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                return new Written(target, Files.size(target), manifest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("backing up " + dataDir + " to " + target + " failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(snapshot);
            deleteQuietly(partial);
        }
    }

    /**
     * Reads {@code file}'s manifest and checks every entry against it (present, size, SHA-256,
     * a safe path), and nothing unlisted.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Manifest verify(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Manifest manifest = readManifest(zip, file);
            for (Entry entry : manifest.entries().values()) {
                ZipEntry zipEntry = zip.getEntry(entry.path());
                if (zipEntry == null) {
                    throw new IllegalArgumentException(file + " lacks " + entry.path() + ", which its manifest lists");
                }
                try (InputStream in = zip.getInputStream(zipEntry)) {
                    checkDigest(file, entry, in, OutputStream.nullOutputStream());
                }
            }
            for (ZipEntry zipEntry : Collections.list(zip.entries())) {
                if (!zipEntry.getName().equals(MANIFEST) && !manifest.entries().containsKey(zipEntry.getName())) {
                    throw new IllegalArgumentException(file + " holds " + zipEntry.getName()
                            + ", which its manifest does not list");
                }
            }
            return manifest;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a readable backup: " + e.getMessage(), e);
        }
    }

    /**
     * Restores {@code file} into {@code dataDir}, which no hub may be running on.
     *
     * <p>Order: verify the backup; claim the directory ({@link DataLock}); unpack into
     * {@code DIR/.restore-TIME/}, checking every checksum again and the database's integrity and
     * schema; only then move whatever the directory held into
     * {@code DIR/.before-restore-TIME/} (never deleted) and the unpacked files into place. A
     * failure before the last step leaves the directory as it was.
     *
     * @param replace allow a directory that already holds hub data (it is moved aside)
     * @param known the newest step of each feature's schema that the restoring hub knows
     * @throws IllegalStateException if a hub is running on {@code dataDir}
     * @throws IllegalArgumentException if the backup is damaged, from a newer hub, or the
     *     directory holds data and {@code replace} is false
     */
    public static Restored restore(Path file, Path dataDir, boolean replace, Clock clock, Map<String, Integer> known) {
        Manifest manifest = verify(file);
        List<String> newer = manifest.schema().entrySet().stream()
                .filter(step -> step.getValue() > known.getOrDefault(step.getKey(), 0))
                .map(step -> step.getKey() + ":" + step.getValue()).toList();
        if (!newer.isEmpty()) {
            throw new IllegalArgumentException(file + " was made by a newer hub (schema " + String.join(",", newer)
                    + ", which this hub does not know); restore it with that hub");
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dataDir + ": " + e.getMessage(), e);
        }
        try (DataLock lock = DataLock.acquire(dataDir)) {
            List<Path> present = presentData(dataDir);
            if (!present.isEmpty() && !replace) {
                throw new IllegalArgumentException(dataDir + " already holds hub data (" + present.get(0).getFileName()
                        + (present.size() > 1 ? " and " + (present.size() - 1) + " more" : "")
                        + "); add --replace to move it aside into " + dataDir + "/.before-restore-TIME");
            }
            String stamp = STAMP.format(clock.instant());
            Path staging = dataDir.resolve(".restore-" + stamp);
            try {
                unpack(file, manifest, staging);
                Map<String, Integer> schema = check(staging.resolve(DATABASE));
                if (!schema.equals(manifest.schema())) {
                    throw new IllegalArgumentException(file + ": its database has schema " + schema
                            + " but its manifest says " + manifest.schema());
                }
            } catch (IOException | RuntimeException e) {
                deleteTree(staging, e);
                throw e;
            }
            Optional<Path> aside = Optional.empty();
            if (!present.isEmpty()) {
                Path before = dataDir.resolve(".before-restore-" + stamp);
                Files.createDirectory(before);
                for (Path path : present) {
                    Files.move(path, before.resolve(path.getFileName()));
                }
                aside = Optional.of(before);
            }
            try (Stream<Path> unpacked = Files.list(staging)) {
                for (Path path : unpacked.toList()) {
                    Files.move(path, dataDir.resolve(path.getFileName()));
                }
            }
            Files.delete(staging);
            LOG.info("restored {} (made {}, schema {}) into {}", file, manifest.createdAt(),
                    manifest.schemaText(), dataDir);
            return new Restored(manifest, aside);
        } catch (IOException e) {
            throw new UncheckedIOException("restoring " + file + " into " + dataDir + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Deletes backups in {@code dir} named like {@link #fileName}, oldest first, until
     * {@code keep} remain. Other files are never touched.
     *
     * @return the deleted files
     */
    public static List<Path> rotate(Path dir, int keep) {
        List<Path> backups = list(dir);
        List<Path> deleted = new ArrayList<>();
        for (int i = 0; i < backups.size() - keep; i++) {
            try {
                Files.delete(backups.get(i));
                deleted.add(backups.get(i));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the old backup " + backups.get(i) + ": " + e.getMessage(),
                        e);
            }
        }
        return deleted;
    }

    /** The backups in {@code dir} named like {@link #fileName}, oldest first; none if it does not exist. */
    public static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        TreeMap<Instant, Path> byTime = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(path -> madeAt(path.getFileName().toString()).ifPresent(at -> byTime.put(at, path)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the backups in " + dir + ": " + e.getMessage(), e);
        }
        return List.copyOf(byTime.values());
    }

    /**
     * The online copy. SQLite-only on purpose (there is no portable online backup): all pages in
     * one step ({@code -1}), holding one read snapshot, which in WAL mode never blocks the hub's
     * writer. sqlite-jdbc's {@code backup to} statement copies 100 pages per step instead, and
     * SQLite restarts such a copy whenever another connection commits between steps, so under a
     * steady stream of syncs it might never finish.
     */
    private static void copyDatabase(Path database, Path copy) throws IOException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath())) {
            connection.unwrap(SQLiteConnection.class).getDatabase()
                    .backup("main", copy.toAbsolutePath().toString(), null, 100, 50, -1);
        } catch (SQLException e) {
            throw new IOException("copying the database " + database + " failed: " + e.getMessage(), e);
        }
    }

    /** Checks a database file's integrity and returns its schema (each feature's newest step). */
    private static Map<String, Integer> check(Path database) throws IOException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
                Statement statement = connection.createStatement()) {
            List<String> problems = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
                while (rows.next()) {
                    problems.add(rows.getString(1));
                }
            }
            if (!problems.equals(List.of("ok"))) {
                throw new IllegalStateException("the database copy " + database + " fails its integrity check: "
                        + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
            }
            Map<String, Integer> schema = Migrations.versions(connection);
            if (schema.isEmpty()) {
                // A database of a hub from before per-feature steps that was never opened by this one.
                try (ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
                    int version = rows.next() ? rows.getInt(1) : 0;
                    return version >= LegacySchema.GUARD ? Map.of() : LegacySchema.at(version);
                }
            }
            return schema;
        } catch (SQLException e) {
            throw new IOException("checking the database " + database + " failed: " + e.getMessage(), e);
        }
    }

    private static Entry add(ZipOutputStream zip, String name, Path source) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        MessageDigest digest = sha256();
        long bytes;
        try (InputStream in = new DigestInputStream(Files.newInputStream(source), digest)) {
            bytes = in.transferTo(zip);
        }
        zip.closeEntry();
        return new Entry(name, bytes, HexFormat.of().formatHex(digest.digest()));
    }

    /** Every file of the data directory that belongs in a backup, sorted. */
    private static List<Path> dataFiles(Path dataDir) throws IOException {
        try (Stream<Path> walk = Files.walk(dataDir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(path -> belongs(dataDir.relativize(path)))
                    .sorted()
                    .toList();
        }
    }

    private static boolean belongs(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        String name = relative.getFileName().toString();
        if (relative.getNameCount() == 1 && (name.startsWith(DATABASE) || name.equals(DataLock.FILE))) {
            return false;
        }
        return !name.endsWith(".tmp") && !name.endsWith(".part");
    }

    /** What a restore would replace: everything but the lock and dot-entries (earlier restores). */
    private static List<Path> presentData(Path dataDir) throws IOException {
        try (Stream<Path> entries = Files.list(dataDir)) {
            return entries.filter(path -> !path.getFileName().toString().equals(DataLock.FILE))
                    .filter(path -> !path.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    private static void unpack(Path file, Manifest manifest, Path staging) throws IOException {
        Files.createDirectory(staging);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Entry entry : manifest.entries().values()) {
                String inside = entry.path().equals(DATABASE) ? DATABASE : entry.path().substring(FILES.length());
                Path target = staging.resolve(inside).normalize();
                if (!target.startsWith(staging)) {
                    throw new IllegalArgumentException(file + " has an entry outside the data directory: " + entry.path());
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(zip.getEntry(entry.path()));
                        OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
                    checkDigest(file, entry, in, out);
                }
                if (inside.equals(DATABASE)) {
                    try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
                        channel.force(true);
                    }
                }
            }
        }
    }

    private static void checkDigest(Path file, Entry entry, InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = sha256();
        long bytes;
        try (InputStream digesting = new DigestInputStream(in, digest)) {
            bytes = digesting.transferTo(out);
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        if (bytes != entry.bytes() || !sha256.equals(entry.sha256())) {
            throw new IllegalArgumentException(file + " is damaged: " + entry.path() + " has " + bytes
                    + " bytes with SHA-256 " + sha256 + ", its manifest says " + entry.bytes() + " bytes with "
                    + entry.sha256());
        }
    }

    private static Manifest readManifest(ZipFile zip, Path file) throws IOException {
        ZipEntry entry = zip.getEntry(MANIFEST);
        if (entry == null) {
            throw new IllegalArgumentException(file + " is not a Courtyard backup (it has no " + MANIFEST + ")");
        }
        Properties properties = new Properties();
        try (Reader reader = new java.io.InputStreamReader(zip.getInputStream(entry), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        try {
            int format = Integer.parseInt(required(properties, "format", file));
            if (format != FORMAT) {
                throw new IllegalArgumentException(file + " has backup format " + format + "; this hub reads format "
                        + FORMAT);
            }
            Map<String, Entry> entries = new LinkedHashMap<>();
            int count = Integer.parseInt(required(properties, "entries", file));
            for (int i = 0; i < count; i++) {
                String path = required(properties, "entry." + i + ".path", file);
                if (!safe(path)) {
                    throw new IllegalArgumentException(file + " lists an unsafe path: " + path);
                }
                entries.put(path, new Entry(path, Long.parseLong(required(properties, "entry." + i + ".bytes", file)),
                        required(properties, "entry." + i + ".sha256", file)));
            }
            if (!entries.containsKey(DATABASE)) {
                throw new IllegalArgumentException(file + " holds no " + DATABASE);
            }
            return new Manifest(Instant.parse(required(properties, "created-at", file)), schema(properties, file),
                    properties.getProperty("hub-version", "unknown"), entries);
        } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(file + " has a damaged manifest: " + e.getMessage(), e);
        }
    }

    /** {@code schema=announce:1,audit:1,...}; from a hub before per-feature steps, {@code schema-version=N}. */
    private static Map<String, Integer> schema(Properties properties, Path file) {
        String legacy = properties.getProperty("schema-version");
        if (legacy != null && properties.getProperty("schema") == null) {
            try {
                return LegacySchema.at(Integer.parseInt(legacy));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " was made by a newer hub (schema version " + legacy
                        + "); restore it with that hub", e);
            }
        }
        Map<String, Integer> schema = new TreeMap<>();
        for (String step : required(properties, "schema", file).split(",")) {
            String[] parts = step.split(":", -1);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException(file + " has a damaged manifest: schema step '" + step + "'");
            }
            schema.put(parts[0].strip(), Integer.parseInt(parts[1].strip()));
        }
        return schema;
    }

    private static String required(Properties properties, String key, Path file) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException(file + " has a damaged manifest: '" + key + "' is missing");
        }
        return value;
    }

    /** {@code hub.db}, or {@code files/} and a relative path without {@code ..}, dot-names or backslashes. */
    private static boolean safe(String path) {
        if (path.equals(DATABASE)) {
            return true;
        }
        if (!path.startsWith(FILES) || path.contains("\\") || path.length() == FILES.length()) {
            return false;
        }
        for (String part : path.substring(FILES.length()).split("/", -1)) {
            if (part.isEmpty() || part.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private static byte[] manifestText(Manifest manifest) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("format", Integer.toString(FORMAT));
        properties.setProperty("created-at", manifest.createdAt().toString());
        properties.setProperty("hub-version", manifest.hubVersion());
        properties.setProperty("schema", manifest.schemaText());
        properties.setProperty("entries", Integer.toString(manifest.entries().size()));
        int i = 0;
        for (Entry entry : manifest.entries().values()) {
            properties.setProperty("entry." + i + ".path", entry.path());
            properties.setProperty("entry." + i + ".bytes", Long.toString(entry.bytes()));
            properties.setProperty("entry." + i + ".sha256", entry.sha256());
            i++;
        }
        java.io.StringWriter text = new java.io.StringWriter();
        properties.store(text, "Courtyard hub backup; see docs/operator-guide.md");
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String relative(Path dataDir, Path path) {
        List<String> parts = new ArrayList<>();
        dataDir.relativize(path).forEach(part -> parts.add(part.toString()));
        return String.join("/", parts);
    }

    private static void warnIfNotItsChecksum(Path path, Entry entry) {
        String name = path.getFileName().toString();
        if (CHECKSUM_NAME.matcher(name).matches() && !name.startsWith(entry.sha256())) {
            LOG.warn("{} is named by a checksum it does not have (SHA-256 {}); it is backed up as it is", path,
                    entry.sha256());
        }
    }

    private static String hubVersion() {
        String version = Backup.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Removes a half-made staging folder after a failed restore; what cannot be removed is noted on {@code cause}. */
    private static void deleteTree(Path dir, Exception cause) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot delete the temporary file {}: {}", path, e.getMessage());
        }
    }
}
