package org.courtyard.hub.web;

/**
 * One endpoint. Throw {@link HttpError} for an expected failure; any other exception becomes a
 * logged 500 with a generic message. A route that detached the exchange must not throw afterwards.
 */
@FunctionalInterface
public interface Route {

    Reply handle(Exchange exchange) throws Exception;
}
