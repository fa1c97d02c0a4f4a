/**
 * HTTP plumbing on Jetty 12 core handlers: a small {@link org.courtyard.hub.web.Router} of JSON
 * routes, each added with the {@link org.courtyard.hub.auth.Access} it requires (checked there,
 * in one place), the {@link org.courtyard.hub.web.Exchange} a route reads its request from, JSON
 * error bodies for every failure (including Jetty's own; a {@link org.courtyard.hub.core.Refusal}'s
 * kind becomes the status in {@link org.courtyard.hub.web.JsonResponses}), the live event stream,
 * and the static staff page. It knows no feature: the features add their routes.
 *
 * <p>Routes run on Jetty's thread pool and may block (they touch SQLite). A route either returns a
 * {@link org.courtyard.hub.web.Reply} that the router writes, or detaches the exchange and completes
 * the Jetty callback itself later (long-poll, event stream).
 */
package org.courtyard.hub.web;
