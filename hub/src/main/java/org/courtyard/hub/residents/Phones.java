package org.courtyard.hub.residents;

/** Masking phone numbers for lists. */
public final class Phones {

    private Phones() {
    }

    /**
     * {@code 13812345678} becomes {@code 138****5678}: the first three and the last four characters
     * stay, the rest is four stars whatever its length, so the mask does not tell the length.
     * Numbers shorter than eight characters keep only their last two. Null stays null.
     */
    public static String mask(String phone) {
        if (phone == null) {
            return null;
        }
        if (phone.length() >= 8) {
            return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
        }
        return "****" + phone.substring(Math.max(0, phone.length() - 2));
    }
}
