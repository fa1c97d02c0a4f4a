package org.courtyard.hub.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.courtyard.protocol.ErrorBody;
import org.courtyard.protocol.ProtocolJson;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (a malformed request line, an exception escaping a handler, a handler that
 * declined) as the hub's JSON error body. Never shows a stack trace or an exception message for a 5xx.
 */
public final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonResponses.JSON);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, JsonResponses.JSON);
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int code, String message) {
        String text = code >= 500 || message == null || message.isBlank()
                ? defaultMessage(code)
                : message;
        return ProtocolJson.write(ErrorBody.of(JsonResponses.codeFor(code), text)).getBytes(StandardCharsets.UTF_8);
    }

    private static String defaultMessage(int code) {
        return switch (code) {
            case 404 -> "not found";
            case 400 -> "bad request";
            default -> code >= 500 ? JsonResponses.INTERNAL_MESSAGE : "HTTP " + code;
        };
    }
}
