package org.courtyard.hub.web;

import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;

/** The staff page: files under {@code /web/} on the class path (inside the hub jar), served at {@code /}. */
public final class StaticFiles {

    private StaticFiles() {
    }

    /**
     * A handler for the page's files with {@code index.html} as the welcome file; it declines
     * (returns false) for a file that does not exist, so the next handler answers 404.
     *
     * <p>Every file is {@code Cache-Control: no-cache} with an ETag: the page has no build step
     * and no hashed file names, so a browser must ask (and usually gets a 304) before it reuses a
     * file, and a new hub version is picked up at the next load. HTML, JavaScript and CSS are
     * declared UTF-8; the mapping goes into the server's MIME types, which only this handler uses.
     */
    public static ResourceHandler handler(Server server) {
        Resource base = ResourceFactory.of(server).newClassLoaderResource("web/");
        if (base == null) {
            throw new IllegalStateException("the staff page (class path folder /web/) is missing from the hub");
        }
        // A ResourceHandler takes its types from the server's context when it starts.
        MimeTypes.Mutable types = server.getMimeTypes();
        types.addMimeMapping("html", "text/html;charset=utf-8");
        types.addMimeMapping("js", "text/javascript;charset=utf-8");
        types.addMimeMapping("css", "text/css;charset=utf-8");
        ResourceHandler handler = new ResourceHandler();
        handler.setBaseResource(base);
        handler.setDirAllowed(false);
        handler.setWelcomeFiles("index.html");
        handler.setCacheControl("no-cache");
        handler.setEtags(true);
        return handler;
    }
}
