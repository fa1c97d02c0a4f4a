package org.courtyard.protocol;

/**
 * The kiosk's village as its roster carries it: the name and the village's duty phone (值班电话),
 * the public number of whoever is on duty, which the kiosk shows and speaks when it cannot reach
 * the hub with a help request waiting. {@code dutyPhone} is null when the village has none.
 */
public record VillageCard(String name, String dutyPhone) {

    public VillageCard {
        Require.text(name, "name");
        dutyPhone = Require.optionalText(dutyPhone, "dutyPhone");
        if (dutyPhone != null && !dutyPhone.matches("\\+?[0-9][0-9 -]{3,18}[0-9]")) {
            throw Require.invalid("dutyPhone", "field 'dutyPhone' must be digits with an optional leading '+' and"
                    + " spaces or '-' between, 5 to 20 characters");
        }
    }
}
