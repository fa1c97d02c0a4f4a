package org.courtyard.hub;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.courtyard.hub.store.Backup;

/**
 * {@code java -jar courtyard-hub.jar backup --data DIR --to FILE|FOLDER} and
 * {@code java -jar courtyard-hub.jar restore --from FILE --data DIR [--replace]}.
 *
 * <p>{@code backup} works while the hub runs. {@code restore} refuses while a hub runs on DIR.
 * Exit codes: 0 done, 1 failed (the message says why; nothing was changed unless it says so),
 * 2 bad arguments.
 */
final class BackupCommand {

    static final String USAGE = """
            usage: java -jar courtyard-hub.jar backup --data DIR --to FILE|FOLDER
                   java -jar courtyard-hub.jar restore --from FILE --data DIR [--replace]
              backup    copies the hub's database (online: the hub may keep running) and its files
                        into one zip; into FOLDER it is named hub-backup-YYYYMMDDTHHMMSSZ.zip
              restore   checks a backup (checksums, database integrity) and unpacks it into DIR;
                        refuses while a hub runs on DIR; --replace moves DIR's data aside into
                        DIR/.before-restore-TIME instead of refusing""";

    private BackupCommand() {
    }

    /** True if {@code args} ask for a backup or restore rather than a running hub. */
    static boolean handles(String[] args) {
        return args.length > 0 && (args[0].equals("backup") || args[0].equals("restore"));
    }

    static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        Path data = null;
        Path to = null;
        Path from = null;
        boolean replace = false;
        String command = args[0];
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.println(USAGE);
                return 0;
            }
            if (arg.equals("--replace")) {
                replace = true;
                continue;
            }
            if (!arg.equals("--data") && !arg.equals("--to") && !arg.equals("--from")) {
                return usage(err, "unknown argument '" + arg + "'");
            }
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                return usage(err, arg + " needs a value");
            }
            Path value = Path.of(args[++i]);
            switch (arg) {
                case "--data" -> data = value;
                case "--to" -> to = value;
                default -> from = value;
            }
        }
        if (data == null) {
            return usage(err, "--data DIR is required");
        }
        try {
            if (command.equals("backup")) {
                if (to == null || from != null || replace) {
                    return usage(err, "backup takes --data DIR --to FILE|FOLDER");
                }
                Path target = Files.isDirectory(to) ? to.resolve(Backup.fileName(clock.instant())) : to;
                Backup.Written written = Backup.create(data, target, clock);
                out.println("backup written: " + written.file() + " (" + written.bytes() + " bytes, schema "
                        + written.manifest().schemaText() + ", " + written.manifest().files() + " files)");
            } else {
                if (from == null || to != null) {
                    return usage(err, "restore takes --from FILE --data DIR [--replace]");
                }
                Backup.Restored restored = Backup.restore(from, data, replace, clock,
                        Hub.schema(HubConfig.builder(data).build()));
                out.println("restored " + from + " (made " + restored.manifest().createdAt() + ", schema "
                        + restored.manifest().schemaText() + ", " + restored.manifest().files() + " files) into "
                        + data);
                restored.movedAside().ifPresent(aside -> out.println("the data that was there is in " + aside));
            }
            out.flush();
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            err.println("error: " + command + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println("error: " + message);
        err.println(USAGE);
        return 2;
    }
}
