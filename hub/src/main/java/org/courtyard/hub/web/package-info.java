/**
 * HTTP plumbing on Jetty 12 core handlers: a small {@link org.courtyard.hub.web.Router} of JSON
 * routes, the {@link org.courtyard.hub.web.Exchange} a route reads its request from, JSON error
 * bodies for every failure (including Jetty's own), and the static staff page.
 *
 * <p>Routes run on Jetty's thread pool and may block (they touch SQLite). A route either returns a
 * {@link org.courtyard.hub.web.Reply} that the router writes, or detaches the exchange and completes
 * the Jetty callback itself later (long-poll, event stream).
 */
package org.courtyard.hub.web;
