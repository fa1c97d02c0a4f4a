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
 * Jetty's own errors (a malformed request line, headers too large, an unsupported HTTP version, an
 * ambiguous or suspicious path such as an encoded slash or CR/LF, an exception escaping a handler, a
 * handler that declined) as the hub's JSON error body, with the same security headers as every
 * other answer. Never shows a stack trace or an exception message for a 5xx.
 */
public final class JsonErrorHandler extends ErrorHandler {

    /** Every method gets the JSON body: Jetty's default answers only GET, POST and HEAD with one. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        SecurityHeaders.apply(response.getHeaders());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonResponses.JSON);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        SecurityHeaders.apply(fields);
        fields.put(HttpHeader.CONTENT_TYPE, JsonResponses.JSON);
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int code, String message) {
        String text = code >= 500 || message == null || message.isBlank() || message.equals("Bad Request")
                ? defaultMessage(code)
                : message;
        return ProtocolJson.write(ErrorBody.of(JsonResponses.codeFor(code), text)).getBytes(StandardCharsets.UTF_8);
    }

    private static String defaultMessage(int code) {
        return switch (code) {
            case 404 -> "not found";
            case 400 -> "bad request: the request line, a header or the path cannot be read";
            case 505 -> "this hub speaks HTTP/1.0 and HTTP/1.1 only";
            default -> code >= 500 ? JsonResponses.INTERNAL_MESSAGE : "HTTP " + code;
        };
    }
}
