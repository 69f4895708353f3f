package dev.ecsguard.check;

import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.Finding;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One line per violation, {@code FILE:LINE: RULE [severity] message}, a line for each file that
 * is compliant or was skipped, and a summary. Files that could not be checked are reported on
 * stderr by the command, and counted here.
 */
public final class TextReport implements CheckReport.Format {
    @Override
    public void write(CheckReport report, PrintWriter out) {
        int compliant = 0;
        int violating = 0;
        int skipped = 0;
        int errors = 0;
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        for (FileResult r : report.results()) {
            switch (r.decision()) {
                case "violation" -> violating++;
                case "compliant" -> compliant++;
                case "skipped" -> skipped++;
                default -> errors++;
            }
            for (Evaluation e : r.evaluations()) {
                String where = e.origin().isEmpty() ? "" : " (" + e.origin() + ")";
                switch (e.decision()) {
                    case Decision.Violation v -> {
                        for (Evaluation.Located l : e.findings()) {
                            Finding f = l.finding();
                            Severity s = Severity.of(f.severity());
                            bySeverity.merge(s, 1, Integer::sum);
                            out.println(r.path() + ":" + l.position().line() + ": " + (f.rule() == null ? "-" : f.rule())
                                    + " [" + (f.severity() == null ? "-" : f.severity()) + "] " + f.msg() + where);
                        }
                    }
                    case Decision.Compliant c -> out.println(r.path() + ": compliant" + where);
                    case Decision.Skipped s -> out.println(r.path() + ": skipped: " + s.reason() + where);
                    case Decision.Error err -> { }
                }
            }
        }
        long total = report.violationCount();
        List<String> parts = new ArrayList<>();
        for (Severity s : Severity.ORDER) {
            if (bySeverity.containsKey(s)) {
                parts.add(bySeverity.get(s) + " " + s.label());
            }
        }
        int files = report.results().size();
        out.println();
        out.println(files + (files == 1 ? " file" : " files") + " checked: " + violating + " with violations, "
                + compliant + " compliant" + (skipped > 0 ? ", " + skipped + " skipped" : "")
                + (errors > 0 ? ", " + errors + (errors == 1 ? " error" : " errors") : "")
                + "; " + total + (total == 1 ? " violation" : " violations")
                + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")"));
        out.println("policy " + report.policyVersion());
        out.flush();
    }
}
