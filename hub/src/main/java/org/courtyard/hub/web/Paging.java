package org.courtyard.hub.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.courtyard.hub.core.Cursor;
import org.courtyard.hub.core.Page;
import org.courtyard.hub.core.PageRequest;

/**
 * The one way a list route pages (docs/api.md "Paging"): {@code limit} (default and maximum per
 * list; 400 {@code invalid_field} naming {@code limit} outside 1..maximum) and an opaque
 * {@code cursor} in; the body stays a JSON array of the page's items, and when more follow, a
 * {@code Link: <path?…&cursor=…>; rel="next"} header that keeps the request's other query
 * parameters as they were sent.
 */
public final class Paging {

    private Paging() {
    }

    /** The page {@code exchange} asks for: {@code limit} from 1 to {@code max} ({@code otherwise} if absent). */
    public static PageRequest request(Exchange exchange, int otherwise, int max) {
        return new PageRequest(exchange.limit(otherwise, max), exchange.query("cursor"));
    }

    /** {@code page} as a 200 with the array body and, when more follow, the {@code Link} header. */
    public static Reply reply(Exchange exchange, Page<?> page) {
        return reply(exchange, page.items(), page.next());
    }

    /**
     * {@code body} as a 200 with, when {@code next} is present, the {@code Link} header: for the
     * one list whose page is an object around its items (a survey round's diff, with its counts).
     */
    public static Reply reply(Exchange exchange, Object body, Optional<Cursor> next) {
        Reply reply = Reply.ok(body);
        if (next.isEmpty()) {
            return reply;
        }
        return reply.withHeader("Link", "<" + nextUri(exchange, next.get().token()) + ">; rel=\"next\"");
    }

    /** The request's path and query with {@code cursor} replaced by {@code token} (base64url needs no escaping). */
    static String nextUri(Exchange exchange, String token) {
        String query = exchange.request().getHttpURI().getQuery();
        List<String> kept = new ArrayList<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (!pair.isEmpty() && !pair.equals("cursor") && !pair.startsWith("cursor=")) {
                    kept.add(pair);
                }
            }
        }
        kept.add("cursor=" + token);
        return exchange.path() + "?" + String.join("&", kept);
    }
}
