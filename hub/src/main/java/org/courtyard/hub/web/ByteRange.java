package org.courtyard.hub.web;

import java.util.Optional;

/**
 * One byte range of a file of {@code length} bytes, from a {@code Range} header (RFC 9110 section
 * 14): {@code bytes=START-END}, {@code bytes=START-} or {@code bytes=-SUFFIX}. What a resuming
 * download sends is {@code bytes=N-}, N being the size of its partial file.
 *
 * @param first the first byte served
 * @param last the last byte served, inclusive
 */
public record ByteRange(long first, long last) {

    /** How a {@code Range} header applies to a file. */
    public sealed interface Outcome permits Whole, Partial, Unsatisfiable {
    }

    /** No usable range: serve the whole file with 200 (no header, another unit, several ranges, junk). */
    public record Whole() implements Outcome {
    }

    /** Serve this range with 206. */
    public record Partial(ByteRange range) implements Outcome {
    }

    /** The range starts at or after the end of the file: 416. */
    public record Unsatisfiable() implements Outcome {
    }

    public ByteRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("invalid byte range " + first + "-" + last);
        }
    }

    public long length() {
        return last - first + 1;
    }

    /** {@code bytes FIRST-LAST/LENGTH}, for {@code Content-Range}. */
    public String contentRange(long fileLength) {
        return "bytes " + first + "-" + last + "/" + fileLength;
    }

    /**
     * Applies {@code header} to a file of {@code length} bytes. A header this server does not
     * serve as a range (several ranges, another unit, a malformed one) is answered with the whole
     * file, which RFC 9110 allows.
     */
    public static Outcome of(Optional<String> header, long length) {
        if (header.isEmpty()) {
            return new Whole();
        }
        String value = header.get().trim();
        if (!value.startsWith("bytes=") || value.indexOf(',') >= 0) {
            return new Whole();
        }
        String spec = value.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        String from = spec.substring(0, dash).trim();
        String to = spec.substring(dash + 1).trim();
        try {
            if (from.isEmpty()) {
                if (to.isEmpty()) {
                    return new Whole();
                }
                long suffix = Long.parseLong(to);
                if (suffix <= 0) {
                    return new Unsatisfiable();
                }
                return new Partial(new ByteRange(Math.max(0, length - suffix), length - 1));
            }
            long first = Long.parseLong(from);
            if (first >= length) {
                return new Unsatisfiable();
            }
            long last = to.isEmpty() ? length - 1 : Math.min(Long.parseLong(to), length - 1);
            if (last < first) {
                return new Whole();
            }
            return new Partial(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }
}
