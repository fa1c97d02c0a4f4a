package org.courtyard.hub.residents;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.courtyard.protocol.NameOrder;
import org.courtyard.protocol.ResidentType;

/**
 * RESIDENT in the API. The single-resident view carries every field; lists carry the same shape
 * with phone numbers {@link #masked()} ({@code 138****5678}).
 *
 * @param group the resident's 村民小组, or null
 * @param photo the photo's checksum and size, or null without one
 * @param pausedUntil check-in alerts are paused up to and including this local date (null: not paused)
 * @param lastCheckInAt the latest check-in, or null
 * @param lastVisitAt the latest recorded visit of a cadre, or null
 * @param alert true while a missed-check-in alert is open
 * @param leftAt when the resident was last set inactive (null while active)
 * @param leftReason why, when the half-yearly survey set them inactive (a {@code LeaveReason} of the
 *     survey, such as {@code PARENTS_RETURNED}); null otherwise
 * @param version one more with every change of the editable fields; the resource's ETag
 */
public record ResidentView(String id, String village, String group, String name, ResidentType type,
        List<String> tags, Integer checkInEveryDays, LocalDate birthDate, String phone, String address,
        String guardian, String guardianPhone, ParentsAway parentsAway, String parentsWorkplace, String parentsPhone,
        String school, String schoolClass, String headTeacher, ChildrenAway childrenAway, String note,
        List<CadreRef> cadres, PhotoRef photo, boolean active, Instant leftAt, String leftReason,
        LocalDate pausedUntil, String pauseNote,
        Instant lastCheckInAt, Instant lastVisitAt, boolean alert, Instant createdAt, Instant updatedAt,
        long version) {

    /** The same resident with other cadres. */
    ResidentView withCadres(List<CadreRef> others) {
        return new ResidentView(id, village, group, name, type, tags, checkInEveryDays, birthDate, phone, address,
                guardian, guardianPhone, parentsAway, parentsWorkplace, parentsPhone, school, schoolClass, headTeacher,
                childrenAway, note, others, photo, active, leftAt, leftReason, pausedUntil, pauseNote, lastCheckInAt,
                lastVisitAt, alert, createdAt, updatedAt, version);
    }

    /** A paired cadre, as a resident shows them. */
    public record CadreRef(String id, String name) {
    }

    /** A photo on the hub: its SHA-256 (the file's name and the ETag) and its size. */
    public record PhotoRef(String sha256, long bytes) {
    }

    public ResidentView {
        tags = List.copyOf(tags);
        cadres = List.copyOf(cadres);
    }

    /**
     * The name's sort key ({@link NameOrder#sortKey}): the staff page orders people by comparing
     * these as plain strings, which is the kiosk's pinyin order.
     */
    @JsonProperty("nameKey")
    public String nameKey() {
        return NameOrder.sortKey(name);
    }

    /** The same resident with every phone number masked, for lists. */
    public ResidentView masked() {
        return new ResidentView(id, village, group, name, type, tags, checkInEveryDays, birthDate, Phones.mask(phone),
                address, guardian, Phones.mask(guardianPhone), parentsAway, parentsWorkplace, Phones.mask(parentsPhone),
                school, schoolClass, headTeacher, childrenAway, note, cadres, photo, active, leftAt, leftReason,
                pausedUntil, pauseNote, lastCheckInAt, lastVisitAt, alert, createdAt, updatedAt, version);
    }

    /** The editable fields, as a PUT body would carry them. */
    public ResidentInput input() {
        return new ResidentInput(name, village, group, type, tags, checkInEveryDays, birthDate, phone, address,
                guardian, guardianPhone, parentsAway, parentsWorkplace, parentsPhone, school, schoolClass, headTeacher,
                childrenAway, note, cadres.stream().map(CadreRef::id).toList(), active);
    }

    /** Hides personal data from logs. */
    @Override
    public String toString() {
        return "ResidentView[id=" + id + ", village=" + village + "]";
    }
}
