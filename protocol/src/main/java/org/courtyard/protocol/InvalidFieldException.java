package org.courtyard.protocol;

/**
 * The {@link IllegalArgumentException} a record's compact constructor throws for one bad field.
 * It carries the field's name (with an index for a list element, like {@code events[3]}) so that
 * {@link ProtocolJson} can report the full JSON path of the offending value, not just the object
 * that holds it.
 */
final class InvalidFieldException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field's JSON name inside the record being built, e.g. {@code endsAt} or {@code events[3]}. */
    String field() {
        return field;
    }
}
