package dev.ecsguard.check;

import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.Finding;
import dev.ecsguard.log.JsonText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSON object per file, one per line (as {@code replay --format json}): {@code file},
 * {@code kind}, {@code decision} (compliant, violation, skipped, error), {@code reason} when
 * skipped or an error, and {@code violations[]} with the policy's fields plus {@code line}
 * (and, for events, {@code record} and {@code event_id}).
 */
public final class JsonReport implements CheckReport.Format {
    @Override
    public void write(CheckReport report, PrintWriter out) {
        for (FileResult r : report.results()) {
            out.println(JsonText.of(object(r)));
        }
        out.flush();
    }

    static Map<String, Object> object(FileResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.path().toString());
        m.put("kind", r.kind());
        m.put("decision", r.decision());
        String reason = r.reason();
        if (reason != null) {
            m.put("reason", reason);
        }
        List<Object> violations = new ArrayList<>();
        for (Evaluation e : r.evaluations()) {
            for (Evaluation.Located l : e.findings()) {
                violations.add(violation(e, l));
            }
        }
        m.put("violations", violations);
        if ("event".equals(r.kind())) {
            List<Object> events = new ArrayList<>();
            for (Evaluation e : r.evaluations()) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("record", e.origin());
                ev.put("event_id", e.eventId());
                ev.put("trigger", e.trigger());
                ev.put("decision", e.decision().label());
                if (e.decision() instanceof Decision.Skipped s) {
                    ev.put("reason", s.reason());
                } else if (e.decision() instanceof Decision.Error err) {
                    ev.put("reason", err.reason());
                }
                events.add(ev);
            }
            m.put("events", events);
        }
        return m;
    }

    private static Map<String, Object> violation(Evaluation e, Evaluation.Located l) {
        Finding f = l.finding();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("rule", f.rule());
        v.put("severity", f.severity());
        v.put("msg", f.msg());
        v.put("resource", f.resource());
        v.put("actions", f.actions());
        f.details().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(d -> v.put(d.getKey(), d.getValue()));
        v.put("line", l.position().line());
        if (!e.origin().isEmpty() || e.eventId() != null) {
            v.put("record", e.origin());
            v.put("event_id", e.eventId());
        }
        return v;
    }
}
