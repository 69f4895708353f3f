package dev.ecsguard.log;

import dev.ecsguard.decision.ActionTaken;
import dev.ecsguard.decision.DecisionRecord;
import dev.ecsguard.decision.Finding;
import dev.ecsguard.decision.HookStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a {@link DecisionRecord}, shared by the decision log line and
 * {@code ecs-guard replay --format json}: {@code event_id, origin, trigger, resource, decision,
 * reason, violations[], actions, actions_taken[{action, resource, outcome, detail}], mode,
 * policy{version, sha256}, input_sha256, task_definition_from, timings_us{parse, input, eval, act, total}},
 * and for a deployment lifecycle hook {@code hook_status} (the answer given: SUCCEEDED or FAILED).
 */
public final class DecisionJson {
    private DecisionJson() {}

    public static Map<String, Object> fields(DecisionRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event_id", r.eventId());
        m.put("origin", r.origin());
        m.put("trigger", r.trigger());
        m.put("resource", r.resource());
        m.put("decision", r.decision().label());
        m.put("reason", r.reason());
        m.put("violations", violations(r.findings()));
        m.put("actions", r.requestedActions());
        m.put("actions_taken", actionsTaken(r.actionsTaken()));
        m.put("mode", r.mode());
        if (r.policy() != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("version", r.policy().version());
            p.put("sha256", r.policy().sha256());
            m.put("policy", p);
        } else {
            m.put("policy", null);
        }
        m.put("input_sha256", r.inputDigest());
        m.put("task_definition_from", r.taskDefinitionFrom());
        HookStatus.of(r).ifPresent(h -> m.put("hook_status", h.name()));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("parse", r.timings().parseMicros());
        t.put("input", r.timings().inputMicros());
        t.put("eval", r.timings().evalMicros());
        t.put("act", r.timings().actMicros());
        t.put("total", r.timings().totalMicros());
        m.put("timings_us", t);
        return m;
    }

    static List<Object> actionsTaken(List<ActionTaken> taken) {
        List<Object> out = new ArrayList<>(taken.size());
        for (ActionTaken a : taken) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("action", a.action().label());
            m.put("resource", a.resource());
            m.put("outcome", a.outcome().label());
            m.put("detail", a.detail());
            out.add(m);
        }
        return out;
    }

    static List<Object> violations(List<Finding> findings) {
        List<Object> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("rule", f.rule());
            v.put("severity", f.severity());
            v.put("msg", f.msg());
            v.put("resource", f.resource());
            v.put("actions", f.actions());
            v.putAll(new java.util.TreeMap<>(f.details()));
            out.add(v);
        }
        return out;
    }
}
