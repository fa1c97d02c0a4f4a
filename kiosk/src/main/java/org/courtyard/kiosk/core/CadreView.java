package org.courtyard.kiosk.core;

import java.time.Instant;

/**
 * What cadre mode shows. Before the PIN: how many digits were typed (never the digits), whether
 * the PIN is being checked, the last answer, and until when the pad is locked. After it: who the
 * cadre is, and how far a visit record has come.
 *
 * @param lockedUntil the pad takes no PIN before this instant; null when not locked
 * @param cadreName the signed-in cadre, or null before a right PIN
 * @param visitResident the resident of the visit being recorded, from {@link VisitStep#NOTE} on
 * @param broadcast what 立即播放 and 现场广播 show
 */
public record CadreView(int digits, boolean checking, PinAnswer answer, Instant lockedUntil, String cadreId,
        String cadreName, VisitStep visitStep, ResidentTile visitResident, CadreBroadcast broadcast) {

    /** Nobody signed in, nothing typed. */
    public static final CadreView NONE = new CadreView(0, false, PinAnswer.NONE, null, null, null, VisitStep.PICK,
            null, CadreBroadcast.NONE);

    public CadreView {
        broadcast = broadcast == null ? CadreBroadcast.NONE : broadcast;
    }

    /** What the pad says under the digits. */
    public enum PinAnswer {
        /** Nothing yet: "请输入村干部密码". */
        NONE,
        /** Fewer than 4 digits were confirmed. */
        TOO_SHORT,
        /** No cadre of the village has this PIN. */
        WRONG,
        /** Too many wrong PINs; see {@code lockedUntil}. */
        LOCKED,
        /** The kiosk knows no cadre yet (the roster has not arrived). */
        NO_CADRES
    }

    /** Where a visit record stands. */
    public enum VisitStep {
        /** Choose whom you visited. */
        PICK,
        /** Choose a note. */
        NOTE,
        /** Saved; record another or go back. */
        DONE
    }

    public boolean signedIn() {
        return cadreName != null;
    }

    public CadreView withDigits(int value) {
        return new CadreView(value, checking, answer, lockedUntil, cadreId, cadreName, visitStep, visitResident,
                broadcast);
    }

    public CadreView withChecking(boolean value) {
        return new CadreView(digits, value, answer, lockedUntil, cadreId, cadreName, visitStep, visitResident,
                broadcast);
    }

    public CadreView withAnswer(PinAnswer value, Instant until) {
        return new CadreView(digits, checking, value, until, cadreId, cadreName, visitStep, visitResident, broadcast);
    }

    public CadreView signedIn(String id, String name) {
        return new CadreView(0, false, PinAnswer.NONE, null, id, name, VisitStep.PICK, null, CadreBroadcast.NONE);
    }

    public CadreView withVisit(VisitStep step, ResidentTile resident) {
        return new CadreView(digits, checking, answer, lockedUntil, cadreId, cadreName, step, resident, broadcast);
    }

    public CadreView withBroadcast(CadreBroadcast value) {
        return new CadreView(digits, checking, answer, lockedUntil, cadreId, cadreName, visitStep, visitResident,
                value);
    }
}
