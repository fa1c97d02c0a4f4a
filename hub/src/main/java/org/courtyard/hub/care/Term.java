package org.courtyard.hub.care;

import java.time.LocalDate;

/**
 * A school term as the township sets it (学期): children get a SCHOOL_START task around
 * {@code startsOn} and a VACATION task after {@code endsOn}.
 *
 * @param id the hub's id ({@code t-…})
 * @param name what people call it, e.g. 2027年春季学期
 */
public record Term(String id, String name, LocalDate startsOn, LocalDate endsOn) {
}
