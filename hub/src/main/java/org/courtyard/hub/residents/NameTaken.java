package org.courtyard.hub.residents;

/**
 * Another active resident of the village has this name. Names are unique per village so that the
 * kiosk's tiles, the headless {@code checkin NAME} command and a spreadsheet row without an id are
 * never ambiguous; two people of the same name are told apart in the name itself (张秀英（东组）).
 */
public final class NameTaken extends FieldError {

    private static final long serialVersionUID = 1L;

    private final String existingId;

    NameTaken(String name, String village, String existingId) {
        super("name", "a resident named '" + name + "' already lives in " + village + " (" + existingId
                + "); add something to tell them apart, e.g. " + name + "（东组）, or edit " + existingId);
        this.existingId = existingId;
    }

    public String existingId() {
        return existingId;
    }
}
