package org.courtyard.hub.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.courtyard.hub.core.Refusal;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a file named by its SHA-256 (announcement audio, family messages) the way villages with a
 * poor link need it: the checksum is the {@code ETag}, {@code Range: bytes=N-} resumes a broken
 * download with 206, {@code If-Range} makes sure the rest belongs to the same file (else the whole
 * file comes with 200), {@code If-None-Match} answers 304, and a range past the end 416. The file is
 * sent by asynchronous writes, so a slow client holds no hub thread.
 */
public final class ChecksumFile {

    private static final Logger LOG = LoggerFactory.getLogger(ChecksumFile.class);

    private ChecksumFile() {
    }

    /**
     * Answers {@code exchange} with {@code file} (detaching it).
     *
     * @param withBody false for HEAD
     * @param what the file as a log line and a 416 name it: "the audio of announcement a-1"
     */
    public static Reply serve(Exchange exchange, Path file, String sha256, String contentType, boolean withBody,
            String what) throws IOException {
        long length = Files.size(file);
        String etag = "\"" + sha256 + "\"";
        Response response = exchange.response();
        response.getHeaders().put(HttpHeader.ETAG, etag);
        response.getHeaders().put(HttpHeader.ACCEPT_RANGES, "bytes");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");

        if (matches(exchange.header("If-None-Match"), etag)) {
            Callback callback = exchange.detach();
            response.setStatus(304);
            response.write(true, null, callback);
            return Reply.detached();
        }
        Optional<String> range = exchange.header("Range");
        Optional<String> ifRange = exchange.header("If-Range");
        if (ifRange.isPresent() && !ifRange.get().trim().equals(etag)) {
            // The client's partial file is of another file: it gets the whole of this one.
            range = Optional.empty();
        }
        ByteRange.Outcome outcome = ByteRange.of(range, length);
        if (outcome instanceof ByteRange.Unsatisfiable) {
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + length);
            JsonResponses.error(response, exchange.detach(), new Refusal(Refusal.Kind.OUT_OF_RANGE,
                    "range_not_satisfiable", "the range '" + range.orElse("") + "' lies outside the " + length
                            + " bytes of " + what));
            return Reply.detached();
        }
        long first = 0;
        long count = length;
        int status = 200;
        if (outcome instanceof ByteRange.Partial partial) {
            first = partial.range().first();
            count = partial.range().length();
            status = 206;
            response.getHeaders().put(HttpHeader.CONTENT_RANGE, partial.range().contentRange(length));
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, count);
        Callback callback = exchange.detach();
        if (!withBody || count == 0) {
            response.write(true, null, callback);
            return Reply.detached();
        }
        Content.copy(Content.Source.from(file, first, count), response, Callback.from(callback::succeeded, failure -> {
            LOG.debug("sending {} ended early: {}", what, failure.toString());
            callback.failed(failure);
        }));
        return Reply.detached();
    }

    /** Whether an {@code If-None-Match} header names {@code etag} (or is {@code *}). */
    private static boolean matches(Optional<String> ifNoneMatch, String etag) {
        return ifNoneMatch.isPresent() && Arrays.stream(ifNoneMatch.get().split(","))
                .map(String::trim)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(tag -> tag.equals("*") || tag.equals(etag));
    }
}
