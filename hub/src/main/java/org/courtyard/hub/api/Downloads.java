package org.courtyard.hub.api;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.courtyard.hub.web.Exchange;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Files the hub makes on request (a report's spreadsheet, a diff as CSV), answered as downloads. */
public final class Downloads {

    private Downloads() {
    }

    /**
     * Answers 200 with {@code body} as an attachment named {@code fileName} (ASCII: browsers name
     * the download from it), never cached; takes over the exchange, so the route returns
     * {@link org.courtyard.hub.web.Reply#detached()}.
     */
    public static void send(Exchange exchange, String contentType, byte[] body, String fileName) {
        Callback callback = begin(exchange, contentType, fileName);
        exchange.response().write(true, ByteBuffer.wrap(body), callback);
    }

    /**
     * Starts a 200 download of UTF-8 text written as it is made (a file too large to hold, say a
     * diff of every resident): write to {@link Stream#writer()}, then {@link Stream#finish()}, or
     * {@link Stream#fail} if making it fails midway (the client sees a cut download). Takes over the
     * exchange, so the route returns {@link org.courtyard.hub.web.Reply#detached()}; a refusal must
     * come before this.
     */
    public static Stream stream(Exchange exchange, String contentType, String fileName) {
        Callback callback = begin(exchange, contentType, fileName);
        OutputStream bytes = Content.Sink.asOutputStream(exchange.response());
        return new Stream(new BufferedWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), 1 << 16), callback);
    }

    /** A download being written; see {@link #stream}. */
    public static final class Stream {
        private final Writer writer;
        private final Callback callback;

        private Stream(Writer writer, Callback callback) {
            this.writer = writer;
            this.callback = callback;
        }

        /** Where the text goes; buffered, sent as it fills. */
        public Writer writer() {
            return writer;
        }

        /** Sends what is buffered and ends the answer. */
        public void finish() throws IOException {
            writer.close();
            callback.succeeded();
        }

        /** Ends the answer as failed (the connection is cut; the client does not take it as whole). */
        public void fail(Throwable cause) {
            callback.failed(cause);
        }
    }

    private static Callback begin(Exchange exchange, String contentType, String fileName) {
        if (!fileName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a download's file name is ASCII letters, digits, '.', '_' and '-': "
                    + fileName);
        }
        Response response = exchange.response();
        Callback callback = exchange.detach();
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        return callback;
    }
}
