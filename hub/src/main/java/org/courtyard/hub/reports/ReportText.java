package org.courtyard.hub.reports;

import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import java.util.ResourceBundle;

/** The words of a report (its title, its spreadsheet's sheets and rows), from {@code labels.properties}. */
final class ReportText {

    private final ResourceBundle bundle;

    private ReportText(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    static ReportText load() {
        return new ReportText(ResourceBundle.getBundle("org.courtyard.hub.reports.labels", Locale.ROOT));
    }

    String get(String key) {
        return bundle.getString(key);
    }

    /** The label of {@code key}, or {@code fallback} when the bundle has none (a tag, a new enum value). */
    String getOr(String key, String fallback) {
        return bundle.containsKey(key) ? bundle.getString(key) : fallback;
    }

    String title(String township, String village, LocalDate from, LocalDate to) {
        return MessageFormat.format(get("title"), township, village == null ? "" : village, date(from), date(to));
    }

    String date(LocalDate date) {
        return MessageFormat.format(get("date"), Integer.toString(date.getYear()),
                Integer.toString(date.getMonthValue()), Integer.toString(date.getDayOfMonth()));
    }

    String month(YearMonth month) {
        return MessageFormat.format(get("month"), Integer.toString(month.getYear()),
                Integer.toString(month.getMonthValue()));
    }
}
