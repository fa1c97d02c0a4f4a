package org.courtyard.hub.api.help;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import org.courtyard.hub.help.HelpPeople;
import org.courtyard.hub.help.HelpPerson;
import org.courtyard.hub.residents.Cadres;
import org.courtyard.hub.residents.ResidentView;
import org.courtyard.hub.residents.Residents;

/** The person on a help request, from the ledger: the resident, their active paired cadres, their photo. */
final class LedgerPeople implements HelpPeople {

    private final Supplier<Residents> residents;

    /** @param residents the ledger, asked for when a request first names a person (its feature installs later) */
    LedgerPeople(Supplier<Residents> residents) {
        this.residents = residents;
    }

    @Override
    public Optional<HelpPerson> find(Connection connection, String residentId) throws SQLException {
        Optional<ResidentView> found = residents.get().find(connection, residentId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ResidentView resident = found.get();
        String photo = resident.photo() == null ? null : "/api/v1/residents/" + resident.id() + "/photo?v="
                + resident.photo().sha256().substring(0, 12);
        return Optional.of(new HelpPerson(resident.id(), resident.name(), resident.village(), resident.type(),
                resident.tags(), resident.address(), photo, Cadres.contactsOf(connection, residentId).stream()
                        .map(contact -> new HelpPerson.Cadre(contact.id(), contact.name(), contact.phone()))
                        .toList(),
                resident.lastCheckInAt()));
    }
}
