package org.courtyard.hub.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The staff page: files under {@code /web/} on the class path (inside the hub jar), served at
 * {@code /}; and the chart library the report page draws with, served at {@code /vendor/echarts/}.
 */
public final class StaticFiles {

    /** Where the report page loads ECharts from: the hub itself, so the page works without internet. */
    public static final String CHARTS_PATH = "/vendor/echarts";

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

    /**
     * ECharts' {@code echarts.min.js} (and its licence) from the {@code org.webjars.npm:echarts}
     * jar on the class path, at {@value #CHARTS_PATH}{@code /echarts.min.js}, cached like the page's
     * own files. The jar's version names its folder; the jar says which in its Maven properties.
     */
    public static Handler charts(Server server) {
        Properties webjar = new Properties();
        try (InputStream in = StaticFiles.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/echarts/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the chart library (org.webjars.npm:echarts) is missing from the hub");
            }
            webjar.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chart library's version", e);
        }
        Resource base = ResourceFactory.of(server).newClassLoaderResource("META-INF/resources/webjars/echarts/"
                + webjar.getProperty("version") + "/");
        if (base == null) {
            throw new IllegalStateException("the chart library's files are missing from the hub");
        }
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(base);
        files.setDirAllowed(false);
        files.setCacheControl("no-cache");
        files.setEtags(true);
        ContextHandler context = new ContextHandler(files, CHARTS_PATH);
        context.setAllowNullPathInContext(false);
        return context;
    }
}
