package org.courtyard.hub.residents;

/**
 * Body of {@code PUT /api/v1/villages/{name}}: the village's settings. {@code dutyPhone} is the
 * village's duty phone (值班电话), a public number that help messages @-mention and kiosks will show
 * when their link is down; null or blank removes it.
 */
public record VillageInput(String dutyPhone) {

    public VillageInput {
        dutyPhone = Check.phone(dutyPhone, "dutyPhone");
    }
}
