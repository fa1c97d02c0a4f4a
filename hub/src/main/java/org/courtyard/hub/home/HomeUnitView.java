package org.courtyard.hub.home;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.courtyard.hub.kiosk.KioskView;
import org.courtyard.hub.residents.ResidentView.CadreRef;

/**
 * HOME_UNIT in the API: the kiosk as {@code GET /api/v1/kiosks} shows it, with what staff need to
 * go to the resident: their {@code address} and paired {@code cadres}.
 */
public record HomeUnitView(@JsonUnwrapped KioskView kiosk, String address, List<CadreRef> cadres) {

    public HomeUnitView {
        cadres = List.copyOf(cadres);
    }

    @Override
    public String toString() {
        return "HomeUnitView[id=" + kiosk.id() + "]";
    }
}
