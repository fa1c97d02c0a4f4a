package org.courtyard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The hub as {@code deploy/hub} ships it: the JVM options of the service unit's {@code ExecStart}
 * with {@code $JAVA_OPTS} from {@code hub.env.template}, so a harness measures what an operator
 * installs, not a test's settings.
 */
final class ShippedHub {

    private final Path deploy;

    /** The repository's {@code deploy} folder. */
    ShippedHub(Path deploy) {
        this.deploy = deploy;
    }

    /** From the system property {@code courtyard.deploy.dir} (failsafe, {@code ./courtyard bench}). */
    static ShippedHub fromSystemProperty() {
        String dir = System.getProperty("courtyard.deploy.dir");
        if (dir == null) {
            throw new IllegalStateException("system property courtyard.deploy.dir (the repository's deploy folder) "
                    + "is not set");
        }
        return new ShippedHub(Path.of(dir));
    }

    /** The unit's {@code ExecStart} line, without the key. */
    String execStart() {
        return read("hub/courtyard-hub.service").lines().filter(line -> line.startsWith("ExecStart="))
                .map(line -> line.substring("ExecStart=".length())).findFirst()
                .orElseThrow(() -> new IllegalStateException("deploy/hub/courtyard-hub.service has no ExecStart"));
    }

    /** A value of the unit's {@code [Service]} section, e.g. {@code LimitNOFILE}. */
    String unitValue(String key) {
        return read("hub/courtyard-hub.service").lines().filter(line -> line.startsWith(key + "="))
                .map(line -> line.substring(key.length() + 1)).findFirst()
                .orElseThrow(() -> new IllegalStateException("deploy/hub/courtyard-hub.service has no " + key));
    }

    /** The JVM options the service starts the hub with: those between {@code java} and {@code -jar}. */
    List<String> jvmOptions() {
        List<String> words = Arrays.asList(execStart().trim().split("\\s+"));
        int jar = words.indexOf("-jar");
        if (jar < 1) {
            throw new IllegalStateException("ExecStart runs no -jar: " + execStart());
        }
        List<String> options = new ArrayList<>();
        for (String word : words.subList(1, jar)) {
            if (word.equals("$JAVA_OPTS") || word.equals("${JAVA_OPTS}")) {
                options.addAll(javaOpts());
            } else {
                options.add(word);
            }
        }
        return options;
    }

    private List<String> javaOpts() {
        return read("hub/hub.env.template").lines().filter(line -> line.startsWith("JAVA_OPTS="))
                .map(line -> line.substring("JAVA_OPTS=".length()).trim()).filter(value -> !value.isEmpty())
                .flatMap(value -> Arrays.stream(value.split("\\s+"))).toList();
    }

    /** Starts the hub jar with the shipped JVM options on {@code port} and these config lines. */
    JavaProcess start(Path data, int port, String... settings) throws IOException {
        Files.createDirectories(data);
        Path config = data.resolve("hub.properties");
        Files.writeString(config, String.join("\n", settings) + "\n", StandardCharsets.UTF_8);
        return JavaProcess.start("hub", JavaProcess.jar("courtyard.hub.jar"), jvmOptions(),
                Map.of("COURTYARD_ADMIN_PASSWORD", Courtyard.ADMIN_PASSWORD),
                "--port", Integer.toString(port), "--data", data.toString(), "--config", config.toString());
    }

    private String read(String file) {
        try {
            return Files.readString(deploy.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
