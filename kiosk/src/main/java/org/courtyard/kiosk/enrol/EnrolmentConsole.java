package org.courtyard.kiosk.enrol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enrolment for a headless kiosk, on stdin: {@code enrol URL CODE} (or {@code enrol CODE} when
 * the configuration names the hub). Prints {@code enrolled as ID (NAME, VILLAGE)} once the hub
 * accepted the code and the credentials are saved, {@code error: …} for anything else; {@code quit}
 * or the end of input gives up. The kiosk then starts on the same input.
 */
public final class EnrolmentConsole {

    private static final Logger LOG = LoggerFactory.getLogger(EnrolmentConsole.class);

    private final EnrolmentClient client;
    private final Path dataDir;
    private final URI configuredHub;
    private final PrintStream out;

    /** @param configuredHub the hub of the configuration, for {@code enrol CODE}; may be null */
    public EnrolmentConsole(EnrolmentClient client, Path dataDir, URI configuredHub, PrintStream out) {
        this.client = client;
        this.dataDir = dataDir;
        this.configuredHub = configuredHub;
        this.out = out;
    }

    /** Reads commands until the kiosk is enrolled (the credentials) or the input ends (empty). */
    public Optional<Credentials> run(BufferedReader in) throws IOException, InterruptedException {
        print("kiosk not enrolled yet; type: enrol " + (configuredHub == null ? "URL" : "[URL]")
                + " CODE  (the code comes from the hub's kiosk page), or quit");
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.strip().split("\\s+");
            String verb = words[0].toLowerCase(Locale.ROOT);
            if (verb.isEmpty()) {
                continue;
            }
            if (verb.equals("quit") || verb.equals("exit")) {
                return Optional.empty();
            }
            if (!verb.equals("enrol") && !verb.equals("enroll")) {
                print("error: this kiosk is not enrolled yet; type enrol URL CODE first");
                continue;
            }
            Optional<Credentials> enrolled = enrol(words);
            if (enrolled.isPresent()) {
                return enrolled;
            }
        }
        LOG.info("End of input before enrolment");
        return Optional.empty();
    }

    private Optional<Credentials> enrol(String[] words) throws InterruptedException {
        URI hub;
        String code;
        try {
            if (words.length == 3) {
                hub = client.hubAddress(words[1]);
                code = words[2];
            } else if (words.length == 2 && configuredHub != null) {
                hub = configuredHub;
                code = words[1];
            } else {
                print("error: type enrol URL CODE, e.g. enrol https://hub.township:8443 4829-1736");
                return Optional.empty();
            }
            EnrolmentCode.normalise(code);
        } catch (IllegalArgumentException e) {
            print("error: " + e.getMessage());
            return Optional.empty();
        }
        try {
            Credentials credentials = client.enrol(hub, code, dataDir);
            print("enrolled as " + credentials.kioskId() + " (" + credentials.name() + ", " + credentials.village()
                    + "); credentials saved in " + Credentials.file(dataDir));
            return Optional.of(credentials);
        } catch (EnrolmentRefusedException e) {
            print("error: the hub refused the code: " + e.getMessage());
        } catch (IOException e) {
            print("error: " + e.getMessage());
        }
        return Optional.empty();
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
