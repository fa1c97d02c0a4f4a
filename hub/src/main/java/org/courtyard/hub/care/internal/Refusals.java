package org.courtyard.hub.care.internal;

import org.courtyard.hub.web.HttpError;

/**
 * The one place the care feature says no: a refusal with its kind (bad input naming a field, not
 * allowed, unknown, conflicting), which the web layer answers with a status.
 */
public final class Refusals {

    private Refusals() {
    }

    /** Bad input; the message names {@code field}. */
    public static RuntimeException invalid(String field, String message) {
        return HttpError.invalidField(field, message);
    }

    public static RuntimeException forbidden(String message) {
        return HttpError.forbidden(message);
    }

    public static RuntimeException notFound(String message) {
        return HttpError.notFound(message);
    }

    public static RuntimeException conflict(String message) {
        return HttpError.conflict(message);
    }
}
