package org.courtyard.hub.web;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Puts the browser security headers on every answer the handlers below it write: the staff
 * page's Content-Security-Policy (scripts, styles, media and connections only from the hub
 * itself; no inline code, no plugins, no framing), {@code X-Content-Type-Options: nosniff},
 * {@code Referrer-Policy: no-referrer}, {@code X-Frame-Options: DENY} and a Permissions-Policy that
 * lets the page itself use the microphone (staff record announcements in the browser) and nothing
 * use the camera, location, payment or USB.
 *
 * <p>The headers are set before the wrapped handler runs, so JSON answers, the event stream and
 * static files all carry them. Jetty's own answers to requests it cannot parse or refuses before
 * any handler (a bad request line, headers too large, an ambiguous path) get them from
 * {@link JsonErrorHandler}, through {@link #apply}.
 */
public final class SecurityHeaders extends Handler.Wrapper {

    /** What the staff page may load; {@code blob:} media is for audio recorded in the browser. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; object-src 'none';"
            + " base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /**
     * The microphone for the page's own origin only (the browser still asks the user); the rest
     * of the powerful features for nobody.
     */
    public static final String PERMISSIONS_POLICY = "microphone=(self), camera=(), geolocation=(), payment=(), usb=()";

    public SecurityHeaders(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        apply(response.getHeaders());
        return super.handle(request, response, callback);
    }

    /** Puts the security headers on {@code headers}. */
    static void apply(HttpFields.Mutable headers) {
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Permissions-Policy", PERMISSIONS_POLICY);
    }
}
