package org.courtyard.hub.web;

import org.courtyard.hub.core.Refusal;

/**
 * One endpoint's handler. It gets the caller that the route's {@link org.courtyard.hub.auth.Access}
 * admitted (null for a public route). Throw {@link Refusal} for an expected failure; any other
 * exception becomes a logged 500 with a generic message. A handler that detached the exchange must
 * not throw afterwards.
 *
 * @param <P> the caller, as the route's access level hands it over
 */
@FunctionalInterface
public interface Route<P> {

    Reply handle(Exchange exchange, P caller) throws Exception;
}
