package org.courtyard.hub.web;

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
     */
    public static ResourceHandler handler(Server server) {
        Resource base = ResourceFactory.of(server).newClassLoaderResource("web/");
        if (base == null) {
            throw new IllegalStateException("the staff page (class path folder /web/) is missing from the hub");
        }
        ResourceHandler handler = new ResourceHandler();
        handler.setBaseResource(base);
        handler.setDirAllowed(false);
        handler.setWelcomeFiles("index.html");
        handler.setCacheControl("no-cache");
        return handler;
    }
}
