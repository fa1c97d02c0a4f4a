package org.courtyard.hub.api.family;

import static org.eclipse.jetty.http.HttpMethod.GET;
import static org.eclipse.jetty.http.HttpMethod.POST;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.courtyard.hub.api.Actors;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.audit.AuditLog;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.auth.FamilyMember;
import org.courtyard.hub.auth.GuessThrottle;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.family.FamilyAudit;
import org.courtyard.hub.family.FamilyContacts;
import org.courtyard.hub.family.FamilyDay;
import org.courtyard.hub.family.FamilyMessages;
import org.courtyard.hub.family.FamilySettings;
import org.courtyard.hub.web.ChecksumFile;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.Paging;
import org.courtyard.hub.web.Reply;
import org.courtyard.protocol.ErrorBody;

/**
 * The family page's API, everything under {@code /api/v1/family/} (the one prefix a reverse proxy
 * passes to the internet, docs/family.md): redeem an invitation, sign in again with the PIN, sign
 * out; the resident's day; messages both ways, their audio, 已听 for replies.
 *
 * <p>Two cookies, both {@code HttpOnly; SameSite=Strict; Path=/api/v1/family/} (and {@code Secure}
 * over HTTPS or with an https {@code family.public-url}): the session ({@value Exchange#FAMILY_COOKIE},
 * {@code family.session-days}) and the device ({@value #DEVICE_COOKIE}, a year), which lets the PIN
 * alone sign this phone in again. Redeeming is throttled per address like kiosk enrolment (behind a
 * proxy set {@code http.trust-proxy=true}); wrong PINs lock the PIN sign-in
 * ({@link FamilyContacts}). Every step is audited as {@code family.*} with the actor
 * {@code family:CONTACT_ID}.
 */
final class FamilyPageRoutes {

    /** The cookie that remembers a phone that redeemed an invitation. */
    static final String DEVICE_COOKIE = "courtyard_family_device";
    private static final String COOKIE_PATH = "/api/v1/family/";
    /** The one subject of invitation-code guesses. */
    private static final String INVITATION = "invitation";

    /** Body of {@code POST /api/v1/family/redeem}. */
    record Redeem(String code, String pin) {

        @Override
        public String toString() {
            return "Redeem[]";
        }
    }

    /** Body of {@code POST /api/v1/family/signin}. */
    record SignIn(String pin) {

        @Override
        public String toString() {
            return "SignIn[]";
        }
    }

    private final FamilyContacts contacts;
    private final FamilyMessages messages;
    private final FamilyDay day;
    private final FamilySettings settings;
    private final AuditLog audit;
    private final Clock clock;
    private final GuessThrottle redeemThrottle;

    FamilyPageRoutes(FamilyContacts contacts, FamilyMessages messages, FamilyDay day, FamilySettings settings,
            AuditLog audit, Clock clock) {
        this.contacts = contacts;
        this.messages = messages;
        this.day = day;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        // Invitation codes are guessed like enrolment codes (one subject): five wrong per address per
        // 15 minutes, and an address that has not guessed wrong is never held back, so nobody can
        // block the families of the whole township by sending wrong codes.
        this.redeemThrottle = new GuessThrottle(clock, GuessThrottle.ENROLMENT);
    }

    void register(FeatureContext hub) {
        hub.route(POST, "/api/v1/family/redeem", Access.PUBLIC, (exchange, nobody) -> redeem(exchange));
        hub.route(POST, "/api/v1/family/signin", Access.PUBLIC, (exchange, nobody) -> signIn(exchange));
        hub.route(POST, "/api/v1/family/signout", Access.FAMILY, this::signOut);
        hub.route(GET, "/api/v1/family/me", Access.FAMILY, (exchange, member) -> Reply.ok(contacts.me(member)));
        hub.route(GET, "/api/v1/family/today", Access.FAMILY, (exchange, member) -> Reply.ok(day.of(member)));
        hub.route(GET, "/api/v1/family/messages", Access.FAMILY, (exchange, member) -> Paging.reply(exchange,
                messages.list(member, Paging.request(exchange, FamilyMessages.LIST_LIMIT, FamilyMessages.LIST_MAX))));
        hub.route(POST, "/api/v1/family/messages", Access.FAMILY, (exchange, member) -> {
            FamilyMessages.Stored stored = messages.fromFamily(member, exchange.query("id").orElse(null),
                    exchange.wavBody(FamilyMessages.MAX_BYTES), audit(exchange));
            return Reply.json(stored.created() ? 201 : 200, stored.message());
        });
        hub.route(GET, "/api/v1/family/messages/{id}/audio", Access.FAMILY, (exchange, member) -> {
            String id = exchange.pathParameter("id");
            FamilyMessages.Audio audio = messages.audio(member, id);
            return ChecksumFile.serve(exchange, audio.file(), audio.sha256(), "audio/wav", true, "message " + id);
        });
        hub.route(POST, "/api/v1/family/messages/{id}/heard", Access.FAMILY, (exchange, member) -> Reply.ok(
                messages.heardByFamily(member, exchange.pathParameter("id"), audit(exchange))));
    }

    private Reply redeem(Exchange exchange) {
        Redeem body = exchange.bodyAs(Redeem.class);
        GuessThrottle.Attempt attempt;
        try {
            attempt = redeemThrottle.begin(INVITATION, exchange.clientAddress());
        } catch (GuessThrottle.Refused refused) {
            return Reply.json(429, ErrorBody.of("too_many_requests", "too many wrong invitation codes from here;"
                    + " try again in " + refused.waitInWords()))
                    .withHeader("Retry-After", Long.toString(refused.retryAfter().toSeconds()));
        }
        FamilyContacts.SignedIn signedIn;
        try {
            signedIn = contacts.redeem(body.code(), body.pin(), audit(exchange));
        } catch (Refusal refusal) {
            if (refusal.code().equals("invalid_invitation")) {
                attempt.failed();
                audit.recordAlone(Actors.of("family", exchange), "family.redeem.failed", null, null);
            } else {
                attempt.abandoned();
            }
            throw refusal;
        } catch (RuntimeException e) {
            attempt.abandoned();
            throw e;
        }
        attempt.succeeded();
        return signedIn(exchange, signedIn);
    }

    private Reply signIn(Exchange exchange) {
        SignIn body = exchange.bodyAs(SignIn.class);
        String device = exchange.cookie(DEVICE_COOKIE).orElseThrow(() -> new Refusal(Refusal.Kind.UNAUTHENTICATED,
                "unknown_device", "this phone is not signed up; open the invitation link again, or ask the village"
                        + " for a new one"));
        try {
            return signedIn(exchange, contacts.signIn(device, body.pin(), audit(exchange)));
        } catch (Refusal refusal) {
            if (refusal.kind() == Refusal.Kind.TOO_MANY) {
                Object seconds = refusal.details().get("retryAfterSeconds");
                return Reply.json(429, ErrorBody.of(refusal.code(), refusal.getMessage()))
                        .withHeader("Retry-After", String.valueOf(seconds));
            }
            throw refusal;
        }
    }

    private Reply signOut(Exchange exchange, FamilyMember member) {
        contacts.signOut(member, exchange.credential().orElseThrow(), audit(exchange));
        return Reply.noContent().withHeader("Set-Cookie", cookie(exchange, Exchange.FAMILY_COOKIE, "", 0));
    }

    private Reply signedIn(Exchange exchange, FamilyContacts.SignedIn signedIn) {
        Instant now = clock.instant();
        return Reply.ok(contacts.me(signedIn.member()))
                .withHeader("Set-Cookie", cookie(exchange, Exchange.FAMILY_COOKIE, signedIn.session(),
                        Math.max(0, Duration.between(now, signedIn.sessionExpires()).toSeconds())))
                .withHeader("Set-Cookie", cookie(exchange, DEVICE_COOKIE, signedIn.device(),
                        Math.max(0, Duration.between(now, signedIn.deviceExpires()).toSeconds())));
    }

    /**
     * The family member's trail: {@code family:CONTACT_ID} from the phone's address (for a failed
     * redeem, where nobody is known yet, {@code family}).
     */
    private FamilyAudit audit(Exchange exchange) {
        return (connection, contactId, action, detail) -> audit.record(connection,
                Actors.of("family:" + contactId, exchange), action, contactId, detail);
    }

    private String cookie(Exchange exchange, String name, String value, long maxAgeSeconds) {
        boolean secure = exchange.request().isSecure()
                || settings.publicUrl().map(url -> "https".equals(url.getScheme())).orElse(false);
        return name + "=" + value + "; Path=" + COOKIE_PATH + "; Max-Age=" + maxAgeSeconds + "; HttpOnly;"
                + (secure ? " Secure;" : "") + " SameSite=Strict";
    }
}
