package org.courtyard.hub.api.reports;

import static org.eclipse.jetty.http.HttpMethod.GET;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.courtyard.hub.api.Downloads;
import org.courtyard.hub.api.FeatureContext;
import org.courtyard.hub.auth.Access;
import org.courtyard.hub.auth.StaffUser;
import org.courtyard.hub.core.Refusal;
import org.courtyard.hub.reports.Period;
import org.courtyard.hub.reports.Report;
import org.courtyard.hub.reports.ReportWorkbook;
import org.courtyard.hub.reports.Reports;
import org.courtyard.hub.web.Exchange;
import org.courtyard.hub.web.Reply;

/**
 * {@code GET /api/v1/reports?from=YYYY-MM-DD&to=YYYY-MM-DD[&village=V]} as JSON and
 * {@code GET /api/v1/reports.xlsx?…} as a spreadsheet; staff for any village or the township, a
 * cadre for their own village. The printable page ({@code /report.html}) reads the JSON.
 */
final class ReportRoutes {

    private final Reports reports;
    private final ReportWorkbook workbook;

    ReportRoutes(Reports reports, ReportWorkbook workbook) {
        this.reports = reports;
        this.workbook = workbook;
    }

    void register(FeatureContext hub) {
        hub.route(GET, "/api/v1/reports", Access.STAFF, (exchange, user) -> Reply.ok(report(exchange, user)));
        hub.route(GET, "/api/v1/reports.xlsx", Access.STAFF, (exchange, user) -> {
            Report report = report(exchange, user);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(report, out);
            Downloads.send(exchange, ReportWorkbook.MEDIA_TYPE, out.toByteArray(), "report-" + report.from() + "-"
                    + report.to() + ".xlsx");
            return Reply.detached();
        });
    }

    private Report report(Exchange exchange, StaffUser user) {
        Period period = new Period(date(exchange, "from").orElse(null), date(exchange, "to").orElse(null));
        return reports.report(user, period, exchange.query("village"));
    }

    private static Optional<LocalDate> date(Exchange exchange, String name) {
        Optional<String> value = exchange.query(name);
        try {
            return value.map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw Refusal.invalidField(name, "query parameter '" + name + "' must be a date such as 2027-01-31, was '"
                    + value.orElse("") + "'");
        }
    }
}
