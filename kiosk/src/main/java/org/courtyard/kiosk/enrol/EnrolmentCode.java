package org.courtyard.kiosk.enrol;

/**
 * The one-time code an admin makes on the hub: {@value #DIGITS} digits, shown as {@code 4829-1736}.
 * Typed with or without the dash or spaces.
 */
public final class EnrolmentCode {

    public static final int DIGITS = 8;

    private EnrolmentCode() {
    }

    /**
     * The code's digits alone.
     *
     * @throws IllegalArgumentException if {@code text} is not {@value #DIGITS} digits once dashes and
     *     spaces are taken out
     */
    public static String normalise(String text) {
        String digits = text == null ? "" : text.replaceAll("[\\s-]", "");
        if (!digits.matches("\\d{" + DIGITS + "}")) {
            throw new IllegalArgumentException("the enrolment code is " + DIGITS + " digits, like 4829-1736; got '"
                    + (text == null ? "" : text.strip()) + "'");
        }
        return digits;
    }

    /** {@code 48291736} as {@code 4829-1736}; partial input as far as it goes. */
    public static String format(String digits) {
        return digits.length() <= DIGITS / 2 ? digits
                : digits.substring(0, DIGITS / 2) + "-" + digits.substring(DIGITS / 2);
    }
}
