package org.courtyard.hub.survey;

import java.time.LocalDate;
import org.courtyard.hub.residents.FieldError;

/**
 * The body of {@code POST /api/v1/survey-rounds}: a name such as 2027年上半年, the day it is meant
 * to close, and optionally the criteria (else the hub's).
 */
public record RoundInput(String name, LocalDate closesOn, Criteria criteria) {

    public static final int MAX_NAME_CHARS = 50;

    public RoundInput {
        if (name == null || name.isBlank()) {
            throw new FieldError("name", "missing required field 'name' (such as 2027年上半年)");
        }
        name = name.strip();
        if (name.length() > MAX_NAME_CHARS) {
            throw new FieldError("name", "field 'name' must have at most " + MAX_NAME_CHARS + " characters");
        }
        if (closesOn == null) {
            throw new FieldError("closesOn", "missing required field 'closesOn' (YYYY-MM-DD)");
        }
    }
}
