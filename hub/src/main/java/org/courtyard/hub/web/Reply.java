package org.courtyard.hub.web;

import java.util.ArrayList;
import java.util.List;

/**
 * What a route answers: a status, a body written as JSON (null for none) and extra headers.
 * {@link #detached()} says the route took over the Jetty callback and answers later itself.
 */
public record Reply(int status, Object body, List<Header> headers, boolean isDetached) {

    /** One response header; a name may repeat (Set-Cookie). */
    public record Header(String name, String value) {
    }

    public Reply {
        headers = List.copyOf(headers);
    }

    public static Reply json(int status, Object body) {
        return new Reply(status, body, List.of(), false);
    }

    public static Reply ok(Object body) {
        return json(200, body);
    }

    public static Reply created(Object body) {
        return json(201, body);
    }

    public static Reply noContent() {
        return new Reply(204, null, List.of(), false);
    }

    /** The route detached the exchange ({@link Exchange#detach()}) and completes it itself. */
    public static Reply detached() {
        return new Reply(0, null, List.of(), true);
    }

    public Reply withHeader(String name, String value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(new Header(name, value));
        return new Reply(status, body, more, isDetached);
    }
}
