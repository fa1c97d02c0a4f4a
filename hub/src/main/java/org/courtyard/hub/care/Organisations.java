package org.courtyard.hub.care;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.Role;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.auth.Tokens;
import org.courtyard.hub.care.internal.Refusals;
import org.courtyard.hub.care.internal.Rows;
import org.courtyard.hub.csv.Csv;
import org.courtyard.hub.residents.VillageScope;
import org.courtyard.hub.residents.CadreKind;
import org.courtyard.hub.residents.Level;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;

/**
 * The organisations of the 馨安工程: party organisations (党支部) and county or township departments,
 * each with a level (县/乡/村/组), the villages it is paired with (包村) and its members (registered
 * cadres and party members). ADMIN and STAFF keep them, on the page or as a CSV file; cadres read
 * those of their village. People are paired with residents on the residents themselves
 * ({@code cadreIds}; the ledger's 结对干部 column).
 */
public final class Organisations {

    /** The CSV's columns, in order. */
    public static final List<String> HEADER = List.of("id", "名称", "类型", "级别", "所在村", "结对村", "成员", "在用");

    private static final String ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final Map<OrganisationKind, String> KIND_WORDS = Map.of(OrganisationKind.PARTY_BRANCH, "党组织",
            OrganisationKind.DEPARTMENT, "部门");
    private static final Map<Level, String> LEVEL_WORDS = Map.of(Level.COUNTY, "县", Level.TOWNSHIP, "乡",
            Level.VILLAGE, "村", Level.GROUP, "组");
    /** A member in a CSV cell: a cadre's id, or a name with the village in full-width brackets. */
    private static final Pattern NAMED = Pattern.compile("(.+?)[（(](.+)[）)]");
    private static final String LIST_SEPARATORS = "[、,，;；]";
    /** The field an input's refusal names, and the column it comes from. */
    private static final Pattern FIELD = Pattern.compile("field '(\\w+)");
    private static final Map<String, String> COLUMNS = Map.of("name", "名称", "kind", "类型", "level", "级别",
            "village", "所在村", "villages", "结对村", "memberIds", "成员", "active", "在用");

    /** What an import did. */
    public record Imported(int created, int updated, List<String> ids) {
    }

    private final Database database;
    private final Clock clock;

    public Organisations(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** The organisations {@code user} may see (a cadre: of or paired with their village), by level and name. */
    public List<OrganisationView> list(StaffUser user) {
        return database.read(connection -> views(connection, user.role() == Role.CADRE
                ? Optional.of(user.village()) : Optional.empty()));
    }

    /** One organisation; 404 if unknown, 403 for a cadre when it is not of or paired with their village. */
    public OrganisationView get(StaffUser user, String id) {
        OrganisationView view = database.read(connection -> find(connection, id))
                .orElseThrow(() -> Refusals.notFound("no organisation '" + id + "'"));
        if (user.role() == Role.CADRE && !user.village().equals(view.village())
                && !view.villages().contains(user.village())) {
            throw Refusals.forbidden("organisation " + id + " is neither of nor paired with " + user.village());
        }
        return view;
    }

    /** Registers an organisation; ADMIN or STAFF. Audited as {@code organisation.create}. */
    public OrganisationView create(StaffUser user, OrganisationInput input, AuditTrail trail) {
        Refusals.officeOnly(user, "register organisations");
        return database.write(connection -> {
            String id = insert(connection, input);
            trail.record(connection, "organisation.create", id, input.level() + " " + input.name());
            return find(connection, id).orElseThrow();
        });
    }

    /** Replaces every field, villages and members of an organisation. Audited as {@code organisation.update}. */
    public OrganisationView replace(StaffUser user, String id, OrganisationInput input, AuditTrail trail) {
        Refusals.officeOnly(user, "change organisations");
        return database.write(connection -> {
            if (find(connection, id).isEmpty()) {
                throw Refusals.notFound("no organisation '" + id + "'");
            }
            update(connection, id, input);
            trail.record(connection, "organisation.update", id, input.level() + " " + input.name());
            return find(connection, id).orElseThrow();
        });
    }

    // CSV.

    /** Every organisation as CSV (UTF-8 with a byte order mark for Excel); members as 姓名（村）. */
    public String exportCsv(StaffUser user) {
        Refusals.officeOnly(user, "export organisations");
        List<OrganisationView> all = database.read(connection -> views(connection, Optional.empty()));
        StringBuilder out = new StringBuilder(Csv.bom()).append(Csv.line(HEADER));
        for (OrganisationView view : all) {
            out.append(Csv.line(List.of(view.id(), view.name(), KIND_WORDS.get(view.kind()),
                    LEVEL_WORDS.get(view.level()), view.village() == null ? "" : view.village(),
                    String.join("、", view.villages()), view.members().stream()
                            .map(member -> member.name() + "（" + member.village() + "）").collect(Collectors.joining("、")),
                    view.active() ? "是" : "否")));
        }
        return out.toString();
    }

    /**
     * Imports a CSV file with {@link #HEADER}'s columns (a column left out of the header keeps the
     * stored value for rows with an id): a row with an id replaces that organisation, one without
     * adds one. All or nothing, audited as {@code organisation.import}; the first error names its
     * line and column.
     */
    public Imported importCsv(StaffUser user, byte[] body, AuditTrail trail) {
        Refusals.officeOnly(user, "import organisations");
        List<Csv.Row> rows;
        try {
            rows = Csv.parse(body).stream().filter(row -> !row.isBlank()).toList();
        } catch (IllegalArgumentException e) {
            throw Refusals.invalid("file", "file: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw Refusals.invalid("file", "file: the file is empty; the first line must be the header: "
                    + String.join(",", HEADER));
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = rows.get(0).fields();
        for (int i = 0; i < header.size(); i++) {
            String heading = header.get(i).strip();
            if (!heading.isEmpty() && !HEADER.contains(heading)) {
                throw Refusals.invalid("file", "line " + rows.get(0).line() + ", column '" + heading
                        + "': unknown column; the columns are " + String.join(",", HEADER));
            }
            columns.put(heading, i);
        }
        return database.write(connection -> {
            int created = 0;
            int updated = 0;
            List<String> ids = new ArrayList<>();
            for (Csv.Row row : rows.subList(1, rows.size())) {
                String id = cell(row, columns, "id");
                Optional<OrganisationView> existing = id.isEmpty() ? Optional.empty() : find(connection, id);
                if (!id.isEmpty() && existing.isEmpty()) {
                    throw Refusals.invalid("id", "line " + row.line() + ", column 'id': no organisation '" + id
                            + "'; leave the id empty to add one");
                }
                OrganisationInput input = rowInput(connection, row, columns, existing);
                if (existing.isPresent()) {
                    update(connection, id, input);
                    updated++;
                } else {
                    id = insert(connection, input);
                    created++;
                }
                ids.add(id);
            }
            trail.record(connection, "organisation.import", null, "created=" + created + " updated=" + updated);
            return new Imported(created, updated, ids);
        });
    }

    private OrganisationInput rowInput(Connection connection, Csv.Row row, Map<String, Integer> columns,
            Optional<OrganisationView> existing) throws SQLException {
        String column = "名称";
        try {
            String name = columns.containsKey("名称") ? cell(row, columns, "名称")
                    : existing.map(OrganisationView::name).orElse("");
            column = "类型";
            OrganisationKind kind = columns.containsKey("类型") ? word(cell(row, columns, "类型"), KIND_WORDS,
                    OrganisationKind.class) : existing.map(OrganisationView::kind).orElse(null);
            column = "级别";
            Level level = columns.containsKey("级别") ? word(cell(row, columns, "级别"), LEVEL_WORDS, Level.class)
                    : existing.map(OrganisationView::level).orElse(null);
            String village = columns.containsKey("所在村") ? cell(row, columns, "所在村")
                    : existing.map(OrganisationView::village).orElse(null);
            column = "结对村";
            List<String> villages = columns.containsKey("结对村") ? list(cell(row, columns, "结对村"))
                    : existing.map(OrganisationView::villages).orElse(List.of());
            column = "成员";
            List<String> members = new ArrayList<>();
            if (columns.containsKey("成员")) {
                for (String member : list(cell(row, columns, "成员"))) {
                    members.add(member(connection, member));
                }
            } else {
                existing.ifPresent(view -> view.members().forEach(member -> members.add(member.id())));
            }
            column = "在用";
            Boolean active = columns.containsKey("在用") ? yes(cell(row, columns, "在用"))
                    : existing.map(OrganisationView::active).orElse(true);
            try {
                return new OrganisationInput(name, kind, level, village, villages, members, active);
            } catch (IllegalArgumentException e) {
                Matcher field = FIELD.matcher(e.getMessage());
                column = field.find() ? COLUMNS.getOrDefault(field.group(1), "名称") : "名称";
                throw e;
            }
        } catch (IllegalArgumentException e) {
            throw Refusals.invalid(column, "line " + row.line() + ", column '" + column + "': " + e.getMessage());
        }
    }

    /** A cadre named in a CSV cell: an id, 姓名（村）, or a name only one active cadre has. */
    private static String member(Connection connection, String text) throws SQLException {
        if (text.startsWith("c-")) {
            return Sql.one(connection, "SELECT id FROM cadres WHERE id = ?", row -> row.getString(1), text)
                    .orElseThrow(() -> new IllegalArgumentException("no cadre '" + text + "'"));
        }
        Matcher named = NAMED.matcher(text);
        List<String> ids = named.matches()
                ? Sql.query(connection, "SELECT id FROM cadres WHERE name = ? AND village = ? AND active",
                        row -> row.getString(1), named.group(1).strip(), named.group(2).strip())
                : Sql.query(connection, "SELECT id FROM cadres WHERE name = ? AND active", row -> row.getString(1), text);
        if (ids.size() == 1) {
            return ids.get(0);
        }
        throw new IllegalArgumentException(ids.isEmpty() ? "'" + text + "' is no active cadre or party member"
                : ids.size() + " active cadres are called '" + text + "'; write the village too, as 李建华（和平村）");
    }

    private static String cell(Csv.Row row, Map<String, Integer> columns, String column) {
        Integer index = columns.get(column);
        return index == null || index >= row.fields().size() ? "" : row.fields().get(index).strip();
    }

    private static List<String> list(String cell) {
        return cell.isEmpty() ? List.of() : Arrays.stream(cell.split(LIST_SEPARATORS)).map(String::strip)
                .filter(word -> !word.isEmpty()).toList();
    }

    private static <E extends Enum<E>> E word(String text, Map<E, String> words, Class<E> type) {
        for (Map.Entry<E, String> entry : words.entrySet()) {
            if (entry.getValue().equals(text) || entry.getKey().name().equalsIgnoreCase(text)) {
                return entry.getKey();
            }
        }
        throw new IllegalArgumentException("must be one of " + words.values() + ", was '" + text + "'");
    }

    private static Boolean yes(String text) {
        return switch (text) {
            case "", "是", "true" -> true;
            case "否", "false" -> false;
            default -> throw new IllegalArgumentException("must be 是 or 否, was '" + text + "'");
        };
    }

    // Rows.

    private String insert(Connection connection, OrganisationInput input) throws SQLException {
        checkMembers(connection, input);
        String id;
        do {
            id = "o-" + Tokens.random(ID_ALPHABET, 8);
        } while (Sql.one(connection, "SELECT id FROM organisations WHERE id = ?", row -> row.getString(1), id)
                .isPresent());
        Instant now = clock.instant();
        Sql.update(connection, "INSERT INTO organisations (id, name, kind, level, village, active, created_at,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", id, input.name(), input.kind().name(),
                input.level().name(), input.village(), input.active(), now, now);
        links(connection, id, input);
        return id;
    }

    private void update(Connection connection, String id, OrganisationInput input) throws SQLException {
        checkMembers(connection, input);
        Sql.update(connection, "UPDATE organisations SET name = ?, kind = ?, level = ?, village = ?, active = ?,"
                + " updated_at = ? WHERE id = ?", input.name(), input.kind().name(), input.level().name(),
                input.village(), input.active(), clock.instant(), id);
        Sql.update(connection, "DELETE FROM organisation_villages WHERE organisation_id = ?", id);
        Sql.update(connection, "DELETE FROM organisation_members WHERE organisation_id = ?", id);
        links(connection, id, input);
    }

    private static void links(Connection connection, String id, OrganisationInput input) throws SQLException {
        for (String village : input.villages()) {
            Sql.update(connection, "INSERT INTO organisation_villages (organisation_id, village) VALUES (?, ?)", id,
                    village);
        }
        for (String member : input.memberIds()) {
            Sql.update(connection, "INSERT INTO organisation_members (organisation_id, cadre_id) VALUES (?, ?)", id,
                    member);
        }
    }

    private static void checkMembers(Connection connection, OrganisationInput input) throws SQLException {
        if (input.memberIds().isEmpty()) {
            return;
        }
        List<String> known = Sql.query(connection, "SELECT id FROM cadres WHERE id IN ("
                + Rows.placeholders(input.memberIds()) + ")", row -> row.getString(1), input.memberIds().toArray());
        for (String id : input.memberIds()) {
            if (!known.contains(id)) {
                throw Refusals.invalid("memberIds", "field 'memberIds' names '" + id
                        + "', who is not a registered cadre or party member");
            }
        }
    }

    private static Optional<OrganisationView> find(Connection connection, String id) throws SQLException {
        Optional<OrganisationView> bare = Sql.one(connection, "SELECT * FROM organisations WHERE id = ?",
                Organisations::row, id);
        return bare.isEmpty() ? bare : Optional.of(withLinks(connection, List.of(bare.get())).get(0));
    }

    /** All organisations, or those of or paired with {@code village}, by level, then name. */
    private static List<OrganisationView> views(Connection connection, Optional<String> village) throws SQLException {
        String order = " ORDER BY CASE o.level WHEN 'COUNTY' THEN 0 WHEN 'TOWNSHIP' THEN 1 WHEN 'VILLAGE' THEN 2"
                + " ELSE 3 END, o.name, o.id";
        List<OrganisationView> bare = village.isPresent()
                ? Sql.query(connection, "SELECT o.* FROM organisations o WHERE o.village = ? OR EXISTS (SELECT 1 FROM"
                        + " organisation_villages v WHERE v.organisation_id = o.id AND v.village = ?)" + order,
                        Organisations::row, village.get(), village.get())
                : Sql.query(connection, "SELECT o.* FROM organisations o" + order, Organisations::row);
        return withLinks(connection, bare);
    }

    private static List<OrganisationView> withLinks(Connection connection, List<OrganisationView> bare)
            throws SQLException {
        if (bare.isEmpty()) {
            return bare;
        }
        List<String> ids = bare.stream().map(OrganisationView::id).toList();
        Map<String, List<String>> villages = new HashMap<>();
        Sql.query(connection, "SELECT organisation_id, village FROM organisation_villages WHERE organisation_id IN ("
                + Rows.placeholders(ids) + ") ORDER BY village", row -> villages.computeIfAbsent(row.getString(1),
                        k -> new ArrayList<>()).add(row.getString(2)), ids.toArray());
        Map<String, List<OrganisationView.Member>> members = new HashMap<>();
        Sql.query(connection, "SELECT m.organisation_id, c.id, c.name, c.village, c.level, c.kind, c.active"
                + " FROM organisation_members m JOIN cadres c ON c.id = m.cadre_id WHERE m.organisation_id IN ("
                + Rows.placeholders(ids) + ") ORDER BY c.village, c.name, c.id", row -> members.computeIfAbsent(
                        row.getString(1), k -> new ArrayList<>()).add(new OrganisationView.Member(row.getString(2),
                                row.getString(3), row.getString(4), Level.valueOf(row.getString(5)),
                                CadreKind.valueOf(row.getString(6)), row.getBoolean(7))), ids.toArray());
        return bare.stream().map(view -> new OrganisationView(view.id(), view.name(), view.kind(), view.level(),
                view.village(), villages.getOrDefault(view.id(), List.of()), members.getOrDefault(view.id(), List.of()),
                view.active(), view.createdAt(), view.updatedAt())).toList();
    }

    /** An organisation's own row; its villages and members are added by {@link #withLinks}. */
    private static OrganisationView row(ResultSet row) throws SQLException {
        return new OrganisationView(row.getString("id"), row.getString("name"),
                OrganisationKind.valueOf(row.getString("kind")), Level.valueOf(row.getString("level")),
                row.getString("village"), List.of(), List.of(), row.getBoolean("active"),
                Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"));
    }
}
