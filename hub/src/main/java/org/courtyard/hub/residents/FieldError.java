package org.courtyard.hub.residents;

/**
 * Bad input for one field of a resident or a cadre. The message names the field as the API
 * reports it ({@code field 'phone' ...}); {@link #field()} is the field alone, for the CSV import's
 * per-line error list.
 */
public class FieldError extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public FieldError(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
