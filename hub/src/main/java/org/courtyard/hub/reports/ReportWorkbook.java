package org.courtyard.hub.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A {@link Report} as an Excel workbook ({@code reports.xlsx}): a summary sheet and one sheet a
 * part, every figure a number cell (ratios formatted as percentages, durations in minutes), the
 * words from {@code labels.properties}. Written with Apache POI.
 */
public final class ReportWorkbook {

    /** The media type of what {@link #write} writes. */
    public static final String MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ReportText text = ReportText.load();
    private final ZoneId zone;

    /** @param zone the time zone the generation time is shown in */
    public ReportWorkbook(ZoneId zone) {
        this.zone = zone;
    }

    /** Writes {@code report} as an .xlsx file to {@code out} (which stays open). */
    public void write(Report report, OutputStream out) {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Styles styles = new Styles(workbook);
            summary(workbook, styles, report);
            people(sheet(workbook, styles, "sheet.people", report), styles, report.people());
            pairs(sheet(workbook, styles, "sheet.pairs", report), styles, report.pairs());
            visits(sheet(workbook, styles, "sheet.visits", report), styles, report.visits());
            help(sheet(workbook, styles, "sheet.help", report), styles, report.helpRequests());
            checkIns(sheet(workbook, styles, "sheet.checkins", report), styles, report.checkIns());
            announcements(sheet(workbook, styles, "sheet.announcements", report), styles, report.announcements());
            problems(sheet(workbook, styles, "sheet.problems", report), styles, report.problems());
            items(sheet(workbook, styles, "sheet.items", report), styles, report.items());
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report workbook", e);
        }
    }

    private void summary(XSSFWorkbook workbook, Styles styles, Report report) {
        Sheet sheet = sheet(workbook, styles, "sheet.summary", report);
        Rows rows = new Rows(sheet, styles, 1);
        rows.text(text.get("label.period"), text.date(report.from()) + " — " + text.date(report.to()));
        rows.text(text.get("label.village"), report.village() == null ? text.get("label.village.all") : report.village());
        rows.text(text.get("label.generated"), LocalDateTime.ofInstant(report.generatedAt(), zone)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
        rows.skip();
        rows.heading(text.get("label.figure"), text.get("label.value"));
        rows.number("people.total", report.people().total());
        rows.number("pairs.residentsWithPair", report.pairs().residentsWithPair());
        rows.number("visits.personTimes", report.visits().personTimes());
        rows.number("problems.solved", report.problems().solved());
        rows.number("help.total", report.helpRequests().total());
        rows.number("help.resolved", report.helpRequests().resolved());
        rows.share("checkins.rate", report.checkIns().rate());
        rows.number("announcements.published", report.announcements().published());
    }

    private void people(Sheet sheet, Styles styles, Report.People people) {
        Rows rows = figures(sheet, styles);
        rows.number("people.total", people.total());
        rows.number("people.elders", people.elders());
        rows.number("people.children", people.children());
        rows.number("people.joined", people.joined());
        rows.number("people.left", people.left());
        rows.skip();
        rows.heading(text.get("people.groups"), text.get("label.count"));
        rows.number("people.fiveGuarantee", people.groups().fiveGuarantee());
        rows.number("people.emptyNest", people.groups().emptyNest());
        rows.number("people.ill", people.groups().ill());
        rows.number("people.oldAge", people.groups().oldAge());
        rows.number("people.leftBehind", people.groups().leftBehind());
        rows.skip();
        rows.heading(text.get("people.tag"), text.get("label.count"));
        people.tags().forEach((tag, count) -> rows.numberLabelled(tag, count));
    }

    private void pairs(Sheet sheet, Styles styles, Report.Pairs pairs) {
        Rows rows = figures(sheet, styles);
        rows.number("pairs.pairs", pairs.pairs());
        rows.number("pairs.residentsWithPair", pairs.residentsWithPair());
        rows.share("pairs.share", pairs.share());
        rows.number("pairs.cadres", pairs.cadres());
    }

    private void visits(Sheet sheet, Styles styles, Report.Visits visits) {
        Rows rows = figures(sheet, styles);
        rows.number("visits.personTimes", visits.personTimes());
        rows.number("visits.residentsVisited", visits.residentsVisited());
        rows.skip();
        rows.heading(text.get("visits.month"), text.get("visits.residents"), text.get("visits.visited"),
                text.get("visits.coverage"), text.get("visits.monthTimes"));
        for (Report.Month month : visits.months()) {
            Row row = rows.labelled(text.month(month.month()));
            styles.number(row.createCell(1), month.residents());
            styles.number(row.createCell(2), month.visited());
            styles.share(row.createCell(3), month.coverage());
            styles.number(row.createCell(4), month.personTimes());
        }
    }

    private void help(Sheet sheet, Styles styles, Report.HelpRequests help) {
        Rows rows = figures(sheet, styles);
        rows.number("help.total", help.total());
        rows.number("help.resolved", help.resolved());
        rows.number("help.cancelled", help.cancelled());
        rows.number("help.open", help.open());
        rows.number("help.overdue", help.overdue());
        rows.number("help.acknowledged", help.acknowledge().measured());
        rows.minutes("help.p50", help.acknowledge().p50Seconds());
        rows.minutes("help.p90", help.acknowledge().p90Seconds());
        rows.skip();
        rows.heading(text.get("help.byCategory"), text.get("label.count"));
        counts(rows, "help.category.", help.byCategory());
        rows.skip();
        rows.heading(text.get("help.bySource"), text.get("label.count"));
        counts(rows, "help.source.", help.bySource());
    }

    private void checkIns(Sheet sheet, Styles styles, Report.CheckIns checkIns) {
        Rows rows = figures(sheet, styles);
        rows.number("checkins.checkIns", checkIns.checkIns());
        rows.number("checkins.residentsExpected", checkIns.residentsExpected());
        rows.number("checkins.expected", checkIns.expected());
        rows.number("checkins.made", checkIns.made());
        rows.share("checkins.rate", checkIns.rate());
    }

    private void announcements(Sheet sheet, Styles styles, Report.Announcements announcements) {
        Rows rows = figures(sheet, styles);
        rows.number("announcements.published", announcements.published());
        rows.number("announcements.emergency", announcements.emergency());
        rows.number("announcements.withdrawn", announcements.withdrawn());
        rows.number("announcements.kiosksTargeted", announcements.kiosksTargeted());
        rows.number("announcements.kiosksPlayed", announcements.kiosksPlayed());
        rows.number("announcements.kiosksNotPlayedBySetting", announcements.kiosksNotPlayedBySetting());
    }

    private void problems(Sheet sheet, Styles styles, Report.Problems problems) {
        Rows rows = figures(sheet, styles);
        rows.number("problems.found", problems.found());
        rows.number("problems.solved", problems.solved());
        rows.number("problems.unsolved", problems.unsolved());
        rows.number("problems.visits", problems.visitsWithProblems());
        rows.number("problems.residents", problems.residents());
    }

    private void items(Sheet sheet, Styles styles, Report.Items items) {
        Rows rows = figures(sheet, styles);
        rows.number("items.given", items.given());
        rows.number("items.visits", items.visits());
        rows.skip();
        rows.heading(text.get("items.item"), text.get("label.count"));
        items.byItem().forEach(rows::numberLabelled);
    }

    /** Rows below the title, starting with the heading of a figure-and-value table. */
    private Rows figures(Sheet sheet, Styles styles) {
        Rows rows = new Rows(sheet, styles, 1);
        rows.heading(text.get("label.figure"), text.get("label.value"));
        return rows;
    }

    private void counts(Rows rows, String prefix, Map<String, Integer> counts) {
        counts.forEach((key, count) -> rows.numberLabelled(text.getOr(prefix + key, key), count));
    }

    /** A new sheet named {@code key}'s words, with the report's title in its first row. */
    private Sheet sheet(XSSFWorkbook workbook, Styles styles, String key, Report report) {
        Sheet sheet = workbook.createSheet(text.get(key));
        Cell title = sheet.createRow(0).createCell(0);
        title.setCellValue(report.title());
        title.setCellStyle(styles.title);
        sheet.setColumnWidth(0, 36 * 256);
        for (int column = 1; column <= 4; column++) {
            sheet.setColumnWidth(column, 16 * 256);
        }
        return sheet;
    }

    /** Rows written one after another from a start row. */
    private final class Rows {
        private final Sheet sheet;
        private final Styles styles;
        private int next;

        Rows(Sheet sheet, Styles styles, int first) {
            this.sheet = sheet;
            this.styles = styles;
            this.next = first + 1;
        }

        Row next() {
            return sheet.createRow(next++);
        }

        void skip() {
            next++;
        }

        void heading(String... words) {
            Row row = next();
            for (int i = 0; i < words.length; i++) {
                Cell cell = row.createCell(i);
                cell.setCellValue(words[i]);
                cell.setCellStyle(styles.heading);
            }
        }

        /** A new row with {@code label} in its first cell; the caller writes the value. */
        Row labelled(String label) {
            Row row = next();
            styles.text(row.createCell(0), label);
            return row;
        }

        void text(String label, String value) {
            styles.text(labelled(label).createCell(1), value);
        }

        void number(String key, long value) {
            numberLabelled(text.get(key), value);
        }

        void numberLabelled(String label, long value) {
            styles.number(labelled(label).createCell(1), value);
        }

        void share(String key, Double value) {
            styles.share(labelled(text.get(key)).createCell(1), value);
        }

        void minutes(String key, Long seconds) {
            Cell cell = labelled(text.get(key)).createCell(1);
            if (seconds != null) {
                cell.setCellValue(seconds / 60.0);
                cell.setCellStyle(styles.minutes);
            }
        }
    }

    /** The workbook's cell styles, made once (a workbook holds a limited number). */
    private static final class Styles {
        final CellStyle title;
        final CellStyle heading;
        final CellStyle plain;
        final CellStyle whole;
        final CellStyle percent;
        final CellStyle minutes;

        Styles(XSSFWorkbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            Font large = workbook.createFont();
            large.setBold(true);
            large.setFontHeightInPoints((short) 14);
            title = workbook.createCellStyle();
            title.setFont(large);
            heading = workbook.createCellStyle();
            heading.setFont(bold);
            plain = workbook.createCellStyle();
            whole = workbook.createCellStyle();
            whole.setDataFormat(workbook.createDataFormat().getFormat("0"));
            percent = workbook.createCellStyle();
            percent.setDataFormat(workbook.createDataFormat().getFormat("0.0%"));
            minutes = workbook.createCellStyle();
            minutes.setDataFormat(workbook.createDataFormat().getFormat("0.0"));
        }

        void text(Cell cell, String value) {
            cell.setCellValue(value);
            cell.setCellStyle(plain);
        }

        void number(Cell cell, long value) {
            cell.setCellValue(value);
            cell.setCellStyle(whole);
        }

        /** A ratio as a percentage; a blank cell when there is none (nothing to divide by). */
        void share(Cell cell, Double value) {
            if (value != null) {
                cell.setCellValue(value);
                cell.setCellStyle(percent);
            }
        }
    }
}
