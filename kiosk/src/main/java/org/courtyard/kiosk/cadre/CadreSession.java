package org.courtyard.kiosk.cadre;

/** The cadre signed in at the kiosk with their PIN: id and name as the hub's roster has them. */
public record CadreSession(String cadreId, String name) {
}
