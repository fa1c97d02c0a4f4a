package org.courtyard.hub.auth;

import java.util.Optional;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.HttpError;

/**
 * Finds the caller of an exchange from its bearer token (header or session cookie) and enforces
 * the coarse role rules: 401 without a valid token, 403 with a token of the wrong kind or role.
 */
public final class Authenticator {

    private final Database database;
    private final Users users;

    public Authenticator(Database database, Users users) {
        this.database = database;
        this.users = users;
    }

    public Optional<Principal> authenticate(Exchange exchange) {
        Optional<String> token = exchange.credential();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        String hash = Tokens.hash(token.get());
        Optional<StaffUser> user = users.bySessionHash(hash);
        if (user.isPresent()) {
            return Optional.of(user.get());
        }
        return database.read(connection -> Sql.one(connection,
                "SELECT id, name, village FROM kiosks WHERE token_hash = ?",
                row -> new KioskIdentity(row.getString("id"), row.getString("name"), row.getString("village")),
                hash)).map(kiosk -> kiosk);
    }

    /** A logged-in staff user of any role. */
    public StaffUser requireStaff(Exchange exchange) {
        Principal principal = authenticate(exchange)
                .orElseThrow(() -> HttpError.unauthorized("log in first: send 'Authorization: Bearer <token>'"
                        + " or the " + Exchange.SESSION_COOKIE + " cookie"));
        if (principal instanceof StaffUser user) {
            return user;
        }
        throw HttpError.forbidden("a kiosk token cannot be used for staff calls");
    }

    /**
     * A logged-in staff user's session (bearer header or cookie), for what lives as long as the
     * session does, such as the event stream.
     */
    public Users.Session requireStaffSession(Exchange exchange) {
        StaffUser user = requireStaff(exchange);
        return users.session(Tokens.hash(exchange.credential().orElseThrow()))
                .orElseThrow(() -> HttpError.unauthorized("the session of " + user.username() + " has just ended"));
    }

    public StaffUser requireAdmin(Exchange exchange) {
        StaffUser user = requireStaff(exchange);
        if (user.role() != Role.ADMIN) {
            throw HttpError.forbidden("only an ADMIN may do this; you are " + user.role());
        }
        return user;
    }

    /** A kiosk with its own token; staff tokens get 403. */
    public KioskIdentity requireKiosk(Exchange exchange) {
        Principal principal = authenticate(exchange)
                .orElseThrow(() -> HttpError.unauthorized("send the kiosk's token as 'Authorization: Bearer <token>'"));
        if (principal instanceof KioskIdentity kiosk) {
            return kiosk;
        }
        throw HttpError.forbidden("only kiosks may sync; a staff session cannot");
    }
}
