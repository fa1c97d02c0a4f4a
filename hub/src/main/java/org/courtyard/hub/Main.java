package org.courtyard.hub;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * {@code java -jar courtyard-hub.jar --port PORT --data DIR [--config FILE]}.
 *
 * <p>With {@code backup} or {@code restore} as the first argument it runs {@link BackupCommand}
 * instead.
 *
 * <p>Prints {@code listening on http://127.0.0.1:PORT} ({@code https://} with {@code tls.keystore})
 * on stdout once the port is open (scripts wait for that line), and {@code admin password: ...} once if it generated the first admin's
 * password. Logs go to stderr. Exit codes: 0 after {@code --help} or a clean stop (SIGTERM,
 * SIGINT), 1 if the hub cannot start, 2 for bad arguments.
 */
public final class Main {

    /** The first admin's password on a new data directory; generated and printed when unset. */
    public static final String ADMIN_PASSWORD_ENV = "COURTYARD_ADMIN_PASSWORD";

    /** The password of {@code tls.keystore}, unless the config file gives {@code tls.keystore-password}. */
    public static final String TLS_PASSWORD_ENV = "COURTYARD_TLS_PASSWORD";

    static final String USAGE = """
            usage: java -jar courtyard-hub.jar --port PORT --data DIR [--config FILE]
              --port PORT     TCP port to listen on (0 picks a free one; default 8080)
              --data DIR      folder for hub.db and audio files (created if missing)
              --config FILE   optional settings (java.util.Properties), e.g.
                                help.overdue-minutes=5
                                sync.long-poll-seconds=25
                                webhook.1.url=https://example.org/hook
                                webhook.1.format=json|wecom
                                webhook.1.events=new,overdue,resolved
                                tls.keystore=/etc/courtyard-hub/hub.p12  (HTTPS only; password
                                  in env COURTYARD_TLS_PASSWORD)
              --seed-demo FILE  for ./courtyard demo: create a demo staff user, kiosk, cadre
                              and residents (once) and write logins, token and PIN to FILE
              --print-routes  print the route table on stdout once started, one line per route:
                              'route METHOD PATTERN ACCESS' (./courtyard bench fuzz reads it)
              --help          print this and exit
            On first start with an empty DIR the hub creates user 'admin' (role ADMIN) with the
            password in env COURTYARD_ADMIN_PASSWORD, or generates one and prints it once.
            Backups: java -jar courtyard-hub.jar backup|restore --help""";

    /** Parsed command line. */
    record Options(int port, Path data, Path config, Path seedDemo, boolean help, boolean printRoutes) {
    }

    /** A command line the hub cannot run with; the message names the argument. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }

        UsageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err, System.getenv());
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the hub until it is stopped, or answers {@code --help} or a usage error.
     *
     * @return the process exit code
     */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (BackupCommand.handles(args)) {
            return BackupCommand.run(args, out, err, java.time.Clock.systemUTC());
        }
        Options options;
        try {
            options = parse(args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(USAGE);
            out.flush();
            return 0;
        }
        HubConfig config;
        try {
            HubConfig.Builder builder = HubConfig.builder(options.data()).port(options.port())
                    .adminPassword(env.get(ADMIN_PASSWORD_ENV)).tlsPasswordFromEnvironment(env.get(TLS_PASSWORD_ENV));
            if (options.config() != null) {
                builder.apply(load(options.config()));
            }
            config = builder.build();
        } catch (UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        Hub hub;
        try {
            hub = Hub.create(config);
            hub.start();
        } catch (RuntimeException e) {
            err.println("error: the hub could not start: " + e.getMessage());
            e.printStackTrace(err);
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(hub::close, "courtyard-shutdown"));
        hub.generatedAdminPassword().ifPresent(password -> out.println("admin password: " + password));
        if (options.seedDemo() != null) {
            try {
                String adminPassword = hub.generatedAdminPassword().orElse(env.get(ADMIN_PASSWORD_ENV));
                new DemoSeed(hub.uri(), config.clock())
                        .seed(options.seedDemo(), adminPassword == null ? "" : adminPassword);
                // The demo's back-dated check-in should show as an alert now, not at the next periodic check.
                hub.runCheck(org.courtyard.hub.api.checkin.CheckInFeature.MISSED_CHECK);
            } catch (IOException e) {
                err.println("error: --seed-demo: " + e.getMessage());
                hub.close();
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                hub.close();
                return 1;
            }
        }
        if (options.printRoutes()) {
            hub.routes().forEach(route -> out.println("route " + route));
        }
        out.println("listening on " + hub.uri());
        out.flush();
        try {
            hub.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            hub.close();
        }
        return 0;
    }

    static Options parse(String[] args) throws UsageException {
        int port = 8080;
        Path data = null;
        Path config = null;
        Path seedDemo = null;
        boolean printRoutes = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return new Options(port, data, config, null, true, false);
                }
                case "--port" -> {
                    String value = value(args, i++, arg);
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--port must be a number from 0 to 65535, was '" + value + "'", e);
                    }
                    if (port < 0 || port > 65535) {
                        throw new UsageException("--port must be a number from 0 to 65535, was " + port);
                    }
                }
                case "--data" -> data = Path.of(value(args, i++, arg));
                case "--config" -> config = Path.of(value(args, i++, arg));
                case "--seed-demo" -> seedDemo = Path.of(value(args, i++, arg));
                case "--print-routes" -> printRoutes = true;
                default -> throw new UsageException("unknown argument '" + arg + "'");
            }
        }
        if (data == null) {
            throw new UsageException("--data DIR is required");
        }
        return new Options(port, data, config, seedDemo, false, printRoutes);
    }

    private static String value(String[] args, int index, String name) throws UsageException {
        if (index + 1 >= args.length || args[index + 1].startsWith("--")) {
            throw new UsageException(name + " needs a value");
        }
        return args[index + 1];
    }

    private static Properties load(Path file) throws UsageException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UsageException("--config: cannot read " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }
}
