package org.courtyard.hub.care;

/** Where a visit was recorded. */
public enum VisitSource {
    /** Checked in at the courtyard kiosk with the cadre's PIN ({@code VISIT_CHECKED_IN}). */
    KIOSK,
    /** Sent to {@code POST /api/v1/visits}: the cadre's phone page, or staff on a cadre's behalf. */
    PHONE
}
