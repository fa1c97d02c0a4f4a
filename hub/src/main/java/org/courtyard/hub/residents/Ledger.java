package org.courtyard.hub.residents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.courtyard.hub.audit.AuditTrail;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.csv.Csv;
import org.courtyard.hub.store.Database;
import org.courtyard.hub.store.Sql;
import org.courtyard.protocol.ResidentType;

/**
 * The village ledger as a spreadsheet: CSV export and import of residents (docs/checkins.md shows
 * the header and an example).
 *
 * <p>An import is all or nothing: every row is checked inside one write transaction, and if any
 * row has an error the transaction is rolled back and every error is reported with its line and
 * field (at most {@value #MAX_ERRORS}). A row with an {@code id} updates that resident; a row
 * without one adds a resident. On an update, a column missing from the header keeps the stored
 * value, and an empty cell clears it.
 */
public final class Ledger {

    /** Most errors one failed import reports. */
    public static final int MAX_ERRORS = 100;

    /** The columns, each with the API's key and the Chinese heading a village clerk may use instead. */
    public enum Column {
        ID("id", "编号"),
        VILLAGE("village", "村"),
        GROUP("group", "组"),
        NAME("name", "姓名"),
        TYPE("type", "类型"),
        TAGS("tags", "标签"),
        CHECK_IN_EVERY_DAYS("checkInEveryDays", "报平安间隔天数"),
        BIRTH_DATE("birthDate", "出生日期"),
        PHONE("phone", "电话"),
        ADDRESS("address", "住址"),
        GUARDIAN("guardian", "监护人"),
        GUARDIAN_PHONE("guardianPhone", "监护人电话"),
        PARENTS_AWAY("parentsAway", "父母外出情况"),
        PARENTS_WORKPLACE("parentsWorkplace", "父母务工地"),
        PARENTS_PHONE("parentsPhone", "父母电话"),
        SCHOOL("school", "学校"),
        SCHOOL_CLASS("schoolClass", "班级"),
        HEAD_TEACHER("headTeacher", "班主任"),
        CHILDREN_AWAY("childrenAway", "子女外出情况"),
        CADRES("cadres", "结对干部"),
        NOTE("note", "备注"),
        ACTIVE("active", "在册");

        private final String key;
        private final String chinese;

        Column(String key, String chinese) {
            this.key = key;
            this.chinese = chinese;
        }

        public String key() {
            return key;
        }

        public String chinese() {
            return chinese;
        }

        /** The column of a heading: the key (any case) or the Chinese heading. */
        static Optional<Column> of(String heading) {
            String text = heading.strip();
            for (Column column : values()) {
                if (column.key.equalsIgnoreCase(text) || column.chinese.equals(text)) {
                    return Optional.of(column);
                }
            }
            return Optional.empty();
        }
    }

    /** The header the export writes, and the one docs/checkins.md documents. */
    public static final String HEADER = Arrays.stream(Column.values()).map(Column::key)
            .collect(Collectors.joining(","));

    /** What a successful import did. */
    public record ImportResult(int created, int updated, List<String> ids) {

        public ImportResult {
            ids = List.copyOf(ids);
        }
    }

    /** One problem of an import: the file's line (1 is the header), the column as written, and what is wrong. */
    public record LineError(int line, String field, String message) {
    }

    private static final Pattern SEPARATORS = Pattern.compile("[;；、,，]");
    private static final Pattern CADRE_ID = Pattern.compile("c-[a-z0-9]{8}");

    private final Database database;
    private final Residents residents;

    public Ledger(Database database, Residents residents) {
        this.database = database;
        this.residents = residents;
    }

    /**
     * Imports a UTF-8 CSV file (a byte order mark is skipped), audited as one
     * {@code resident.import} row on {@code trail} with the counts.
     *
     * @throws Refusal {@code invalid_csv}, its details {@code total} (how many errors) and
     *     {@code errors} (at most {@value #MAX_ERRORS}, by line and field); then nothing was stored
     */
    public ImportResult importCsv(StaffUser user, byte[] body, AuditTrail trail) {
        List<Csv.Row> rows;
        try {
            rows = Csv.parse(body);
        } catch (IllegalArgumentException e) {
            int line = e.getMessage().startsWith("line ") ? Integer.parseInt(e.getMessage().split("[ :]")[1]) : 1;
            throw failed(List.of(new LineError(line, "", e.getMessage())));
        }
        List<Csv.Row> data = rows.stream().filter(row -> !row.isBlank()).toList();
        if (data.isEmpty()) {
            throw failed(List.of(new LineError(1, "", "the file is empty; the first line must be the header: "
                    + HEADER)));
        }
        Csv.Row headerRow = data.get(0);
        Map<Column, Integer> columns = new EnumMap<>(Column.class);
        Map<Column, String> headings = new EnumMap<>(Column.class);
        List<LineError> headerErrors = new ArrayList<>();
        for (int i = 0; i < headerRow.fields().size(); i++) {
            String heading = headerRow.fields().get(i);
            if (heading.isBlank()) {
                continue;
            }
            Optional<Column> column = Column.of(heading);
            if (column.isEmpty()) {
                headerErrors.add(new LineError(headerRow.line(), heading.strip(), "unknown column '" + heading.strip()
                        + "'; the columns are " + HEADER));
            } else if (columns.putIfAbsent(column.get(), i) != null) {
                headerErrors.add(new LineError(headerRow.line(), heading.strip(), "column '" + heading.strip()
                        + "' appears twice"));
            } else {
                headings.put(column.get(), heading.strip());
            }
        }
        for (Column required : List.of(Column.NAME, Column.VILLAGE, Column.TYPE)) {
            if (!columns.containsKey(required)) {
                headerErrors.add(new LineError(headerRow.line(), required.key(), "the header has no column '"
                        + required.key() + "' (or '" + required.chinese() + "')"));
            }
        }
        if (!headerErrors.isEmpty()) {
            throw failed(headerErrors);
        }
        Set<String> changed = new TreeSet<>();
        ImportResult result = database.write(connection -> {
            List<LineError> errors = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            int[] createdAndUpdated = new int[2];
            for (Csv.Row row : data.subList(1, data.size())) {
                Cells cells = new Cells(row, columns, headings);
                try {
                    Optional<String> id = cells.text(Column.ID);
                    if (id.isEmpty()) {
                        ResidentInput input = input(connection, user, cells, null);
                        ids.add(residents.insert(connection, input, changed));
                        createdAndUpdated[0]++;
                    } else {
                        ResidentView existing = residents.find(connection, id.get()).orElseThrow(() -> new FieldError(
                                "id", "no resident '" + id.get() + "'; leave 'id' empty to add a new resident"));
                        if (!user.mayAccessVillage(existing.village())) {
                            throw new FieldError("id", "resident " + id.get() + " lives in " + existing.village()
                                    + "; a cadre of " + user.village() + " may import only their own village");
                        }
                        residents.update(connection, existing, input(connection, user, cells, existing), changed);
                        ids.add(existing.id());
                        createdAndUpdated[1]++;
                    }
                } catch (FieldError e) {
                    errors.add(new LineError(row.line(), cells.heading(e.field()), e.getMessage()));
                }
            }
            if (!errors.isEmpty()) {
                throw failed(errors);
            }
            trail.record(connection, "resident.import", null, "created=" + createdAndUpdated[0] + " updated="
                    + createdAndUpdated[1]);
            return new ImportResult(createdAndUpdated[0], createdAndUpdated[1], ids);
        });
        residents.announce(changed);
        residents.ledgerChanged(new TreeSet<>(result.ids()));
        return result;
    }

    /** How many residents the export reads at a time. */
    private static final int EXPORT_PAGE = 500;

    /**
     * Writes the residents {@code user} may see (of {@code village}, or all a staff member sees),
     * inactive ones included, as a UTF-8 CSV file with a byte order mark (so Excel opens it as
     * UTF-8) and full phone numbers: the export is the ledger itself, for those who keep it. The
     * refusals (a cadre asking for another village) come before {@code start} is called; then the
     * file goes to the writer it answers, {@value #EXPORT_PAGE} residents read at a time, all from
     * one snapshot of the ledger, never the whole ledger in memory.
     *
     * @throws UncheckedIOException if the writer fails (the client went away): the file is cut
     */
    public void exportCsv(StaffUser user, Optional<String> village, Supplier<Writer> start) {
        Optional<String> allowed = VillageScope.listVillage(user, village);
        database.read(connection -> {
            Map<String, Long> namesPerVillage = new HashMap<>();
            Sql.RowMapper<Long> count = row -> namesPerVillage.merge(
                    row.getString("village") + "\u0000" + row.getString("name"), 1L, Long::sum);
            if (allowed.isPresent()) {
                Sql.query(connection, "SELECT village, name FROM cadres WHERE village = ?", count, allowed.get());
            } else {
                Sql.query(connection, "SELECT village, name FROM cadres", count);
            }
            Writer out = start.get();
            write(out, Csv.bom() + Csv.line(Arrays.asList(HEADER.split(","))));
            residents.walk(connection, new ResidentFilter(allowed, Optional.empty(), Optional.empty(), Optional.empty(),
                    true), EXPORT_PAGE, view -> {
                        String cadres = view.cadres().stream()
                                .map(cadre -> namesPerVillage.getOrDefault(view.village() + "\u0000" + cadre.name(), 0L)
                                        == 1 ? cadre.name() : cadre.id())
                                .collect(Collectors.joining("、"));
                        write(out, Csv.line(List.of(view.id(), view.village(), text(view.group()), view.name(),
                                view.type().name(),
                                String.join("、", view.tags()), view.checkInEveryDays() == null ? ""
                                        : view.checkInEveryDays().toString(),
                                text(view.birthDate()), text(view.phone()), text(view.address()), text(view.guardian()),
                                text(view.guardianPhone()), text(view.parentsAway()), text(view.parentsWorkplace()),
                                text(view.parentsPhone()), text(view.school()), text(view.schoolClass()),
                                text(view.headTeacher()), text(view.childrenAway()), cadres, text(view.note()),
                                Boolean.toString(view.active())).stream().map(Ledger::safe).toList()));
                    });
            return null;
        });
    }

    private static void write(Writer out, String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException("the ledger export could not be sent", e);
        }
    }

    /** A row as a resident: the cells given, and for an update the stored values of columns not in the file. */
    private ResidentInput input(Connection connection, StaffUser user, Cells cells, ResidentView existing)
            throws SQLException {
        ResidentInput base = existing == null ? null : existing.input();
        String village = cells.textOr(Column.VILLAGE, base == null ? null : base.village());
        if (village != null && !user.mayAccessVillage(village)) {
            throw new FieldError("village", "a cadre of " + user.village() + " may import only people of "
                    + user.village() + ", not " + village);
        }
        ResidentType type = cells.has(Column.TYPE) ? type(cells.text(Column.TYPE).orElse(null))
                : base == null ? null : base.type();
        List<String> cadreIds = cells.has(Column.CADRES)
                ? cadreIds(connection, village, cells.text(Column.CADRES).orElse(""))
                : base == null ? List.of() : base.cadreIds();
        return new ResidentInput(
                cells.textOr(Column.NAME, base == null ? null : base.name()), village,
                cells.textOr(Column.GROUP, base == null ? null : base.group()), type,
                cells.has(Column.TAGS) ? split(cells.text(Column.TAGS).orElse("")) : base == null ? List.of() : base.tags(),
                cells.has(Column.CHECK_IN_EVERY_DAYS) ? everyDays(cells.text(Column.CHECK_IN_EVERY_DAYS).orElse(null))
                        : base == null ? null : base.checkInEveryDays(),
                cells.has(Column.BIRTH_DATE) ? birthDate(cells.text(Column.BIRTH_DATE).orElse(null))
                        : base == null ? null : base.birthDate(),
                cells.textOr(Column.PHONE, base == null ? null : base.phone()),
                cells.textOr(Column.ADDRESS, base == null ? null : base.address()),
                cells.textOr(Column.GUARDIAN, base == null ? null : base.guardian()),
                cells.textOr(Column.GUARDIAN_PHONE, base == null ? null : base.guardianPhone()),
                cells.has(Column.PARENTS_AWAY) ? parentsAway(cells.text(Column.PARENTS_AWAY).orElse(null))
                        : base == null ? null : base.parentsAway(),
                cells.textOr(Column.PARENTS_WORKPLACE, base == null ? null : base.parentsWorkplace()),
                cells.textOr(Column.PARENTS_PHONE, base == null ? null : base.parentsPhone()),
                cells.textOr(Column.SCHOOL, base == null ? null : base.school()),
                cells.textOr(Column.SCHOOL_CLASS, base == null ? null : base.schoolClass()),
                cells.textOr(Column.HEAD_TEACHER, base == null ? null : base.headTeacher()),
                cells.has(Column.CHILDREN_AWAY) ? childrenAway(cells.text(Column.CHILDREN_AWAY).orElse(null))
                        : base == null ? null : base.childrenAway(),
                cells.textOr(Column.NOTE, base == null ? null : base.note()),
                cadreIds,
                cells.has(Column.ACTIVE) ? active(cells.text(Column.ACTIVE).orElse(null))
                        : base == null ? Boolean.TRUE : base.active());
    }

    private static ResidentType type(String value) {
        if (value == null) {
            throw new FieldError("type", "missing required field 'type' (ELDER or CHILD)");
        }
        return switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "ELDER", "老人", "空巢老人" -> ResidentType.ELDER;
            case "CHILD", "儿童", "留守儿童" -> ResidentType.CHILD;
            default -> throw new FieldError("type", "field 'type' must be ELDER (空巢老人) or CHILD (留守儿童), was '"
                    + value.strip() + "'");
        };
    }

    private static LocalDate birthDate(String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip().replace('/', '-').replace('.', '-');
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            // Spreadsheets drop leading zeros: 2011-3-5.
            String[] parts = text.split("-");
            if (parts.length == 3) {
                try {
                    return LocalDate.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                            Integer.parseInt(parts[2]));
                } catch (NumberFormatException | DateTimeException invalid) {
                    // answered below
                }
            }
            throw new FieldError("birthDate", "field 'birthDate' must be a date such as 2011-03-05, was '"
                    + value.strip() + "'");
        }
    }

    private static ParentsAway parentsAway(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "BOTH", "父母均外出", "父母均外出务工" -> ParentsAway.BOTH;
            case "ONE_OTHER_UNABLE", "一方外出另一方无监护能力", "一方外出、另一方无监护能力" -> ParentsAway.ONE_OTHER_UNABLE;
            case "ONE", "一方外出" -> ParentsAway.ONE;
            case "NONE", "父母在家", "父母均在家" -> ParentsAway.NONE;
            default -> throw new FieldError("parentsAway", "field 'parentsAway' must be BOTH (父母均外出), ONE_OTHER_UNABLE"
                    + " (一方外出另一方无监护能力), ONE (一方外出) or NONE (父母在家), was '" + value.strip() + "'");
        };
    }

    private static ChildrenAway childrenAway(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "ALL", "子女均在外", "子女均不在身边" -> ChildrenAway.ALL;
            case "SOME", "部分子女在外", "部分子女在身边" -> ChildrenAway.SOME;
            case "NONE", "子女在身边" -> ChildrenAway.NONE;
            case "NO_CHILDREN", "无子女" -> ChildrenAway.NO_CHILDREN;
            default -> throw new FieldError("childrenAway", "field 'childrenAway' must be ALL (子女均在外), SOME"
                    + " (部分子女在外), NONE (子女在身边) or NO_CHILDREN (无子女), was '" + value.strip() + "'");
        };
    }

    private static Integer everyDays(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new FieldError("checkInEveryDays", "field 'checkInEveryDays' must be a whole number of days from 1"
                    + " to " + ResidentInput.MAX_EVERY_DAYS + ", or empty for no check-in expected; was '" + value + "'");
        }
    }

    private static Boolean active(String value) {
        if (value == null) {
            return Boolean.TRUE;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "是" -> Boolean.TRUE;
            case "false", "no", "0", "否" -> Boolean.FALSE;
            default -> throw new FieldError("active", "field 'active' must be true or false (是 or 否), was '"
                    + value.strip() + "'");
        };
    }

    private static List<String> cadreIds(Connection connection, String village, String value) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (String word : split(value)) {
            if (CADRE_ID.matcher(word).matches()) {
                ids.add(word);
                continue;
            }
            List<String> named = Sql.query(connection, "SELECT id FROM cadres WHERE village = ? AND name = ? AND active",
                    row -> row.getString(1), village, word);
            if (named.isEmpty()) {
                throw new FieldError("cadreIds", "field 'cadres' names '" + word + "', who is not an active cadre of "
                        + village);
            }
            if (named.size() > 1) {
                throw new FieldError("cadreIds", "field 'cadres': " + named.size() + " cadres of " + village
                        + " are called '" + word + "'; write the id of the one you mean (" + String.join(", ", named)
                        + ")");
            }
            ids.add(named.get(0));
        }
        return ids;
    }

    private static List<String> split(String value) {
        return Arrays.stream(SEPARATORS.split(value)).map(String::strip).filter(word -> !word.isEmpty()).toList();
    }

    /** A cell's text: a string as it is, an enum by name, a date in ISO form; empty for none. */
    private static String text(Object value) {
        return value == null ? "" : value instanceof Enum<?> constant ? constant.name() : value.toString();
    }

    /**
     * A cell a spreadsheet would run as a formula (=, +, -, @ before anything but a digit) gets a
     * leading apostrophe, which spreadsheets hide; the import removes it again.
     */
    private static String safe(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        boolean formula = first == '=' || first == '@' || first == '\t' || first == '\r'
                || ((first == '+' || first == '-') && (cell.length() == 1 || !Character.isDigit(cell.charAt(1))));
        return formula ? "'" + cell : cell;
    }

    /** An import refused as a whole; nothing of it was stored. */
    private static Refusal failed(List<LineError> errors) {
        LineError first = errors.get(0);
        int total = errors.size();
        String summary = "nothing was imported: " + total + " error" + (total == 1 ? "" : "s") + "; the first: line "
                + first.line() + (first.field().isEmpty() ? "" : ", field '" + first.field() + "'") + ": "
                + first.message();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("total", total);
        details.put("errors", List.copyOf(errors.subList(0, Math.min(MAX_ERRORS, total))));
        return new Refusal(Refusal.Kind.INVALID, "invalid_csv", summary).withDetails(details);
    }

    /** The cells of one row by column. */
    private static final class Cells {
        private final Csv.Row row;
        private final Map<Column, Integer> columns;
        private final Map<Column, String> headings;

        Cells(Csv.Row row, Map<Column, Integer> columns, Map<Column, String> headings) {
            this.row = row;
            this.columns = columns;
            this.headings = headings;
        }

        boolean has(Column column) {
            return columns.containsKey(column);
        }

        /** The trimmed cell, empty when blank or when the file has no such column. */
        Optional<String> text(Column column) {
            Integer index = columns.get(column);
            if (index == null || index >= row.fields().size()) {
                return Optional.empty();
            }
            String cell = row.fields().get(index).strip();
            if (cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@".indexOf(cell.charAt(1)) >= 0) {
                cell = cell.substring(1);
            }
            return cell.isEmpty() ? Optional.empty() : Optional.of(cell);
        }

        /** The cell if the file has the column (null when blank), else {@code fallback}. */
        String textOr(Column column, String fallback) {
            return has(column) ? text(column).orElse(null) : fallback;
        }

        /** The column heading as the file wrote it, for an API field name. */
        String heading(String field) {
            Column column = field.equals("cadreIds") ? Column.CADRES : Column.of(field).orElse(null);
            return column == null ? field : headings.getOrDefault(column, column.key());
        }
    }
}
