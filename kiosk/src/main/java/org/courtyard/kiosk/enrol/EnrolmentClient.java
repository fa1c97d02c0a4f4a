package org.courtyard.kiosk.enrol;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.courtyard.kiosk.net.HubConnection;
import org.courtyard.kiosk.net.HubTls;
import org.courtyard.kiosk.net.HubUntrustedException;
import org.courtyard.protocol.ProtocolJson;

/**
 * Trades an enrolment code for the kiosk's id and token ({@code POST /api/v1/enrol}) and saves
 * them. Uses the kiosk's TLS settings, so a hub that fails them is never sent a code.
 */
public final class EnrolmentClient {

    private final HubTls tls;
    private final Duration timeout;

    public EnrolmentClient(HubTls tls, Duration timeout) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.timeout = timeout;
    }

    /**
     * Checks a typed hub address: adds {@code https://} when no scheme was typed, and applies the
     * plain-HTTP rule of {@link HubTls#checkHub}.
     *
     * @throws IllegalArgumentException saying what is wrong with the address
     */
    public URI hubAddress(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the hub address is empty");
        }
        if (!text.contains("://")) {
            text = "https://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("'" + typed.strip() + "' is not a web address", e);
        }
        return tls.checkHub(uri, "the hub address");
    }

    /**
     * Enrols: sends the code, saves the answer in {@code dataDir} and returns it.
     *
     * @throws IllegalArgumentException if the code is not 8 digits (nothing is sent)
     * @throws EnrolmentRefusedException if the hub refused the code
     * @throws HubUntrustedException if the hub's certificate fails the kiosk's checks
     * @throws IOException if the hub could not be reached or gave a broken answer
     */
    public Credentials enrol(URI hub, String code, Path dataDir)
            throws IOException, InterruptedException, EnrolmentRefusedException {
        String digits = EnrolmentCode.normalise(code);
        HubConnection connection = HubConnection.withoutToken(tls.checkHub(hub, "the hub address"), tls);
        HttpRequest request = connection.request("api/v1/enrol", timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ProtocolJson.writeBytes(Map.of("code", digits))))
                .build();
        HttpResponse<byte[]> response = connection.send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body = json(response.body());
        if (response.statusCode() != 200) {
            String message = body == null ? "" : body.path("error").path("message").asText("");
            if (response.statusCode() >= 500) {
                throw new IOException("the hub failed (" + response.statusCode() + "): " + message);
            }
            throw new EnrolmentRefusedException(response.statusCode(),
                    message.isEmpty() ? "the hub answered " + response.statusCode() : message);
        }
        if (body == null || !body.path("kioskId").isTextual() || !body.path("token").isTextual()) {
            throw new IOException("the hub's enrolment answer has no kioskId and token");
        }
        Credentials credentials = new Credentials(hub, body.get("kioskId").asText(), body.get("token").asText(),
                text(body, "name"), text(body, "village"));
        credentials.save(dataDir);
        return credentials;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static JsonNode json(byte[] body) {
        try {
            return body.length == 0 ? null : ProtocolJson.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
