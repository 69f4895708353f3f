package dev.ecsguard.decision;

import dev.ecsguard.rego.QueryResult;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the value of the configured query as a decision. The documented shapes:
 *
 * <ul>
 *   <li>a boolean ({@code allow}): {@code true} is compliant; {@code false} is a violation, and so
 *       is an undefined result, as OPA's {@code Allowed()} treats it;
 *   <li>a set or array ({@code deny}, {@code violations}): empty is compliant; each element is a
 *       violation: a string (its message) or an object with {@code msg} (or {@code message}),
 *       {@code rule} (or {@code id}), {@code severity}, {@code actions}, {@code resource}.
 * </ul>
 *
 * Anything else (a number, an object, several results) is an {@link Decision.Error}: a policy
 * ecs-guard does not understand must not remediate anything.
 */
public final class DecisionReader {
    private static final Set<String> KNOWN = Set.of("msg", "message", "rule", "id", "severity", "actions", "resource");

    private DecisionReader() {}

    /**
     * @param results what the query produced
     * @param query the query text, for messages
     */
    public static Decision read(List<QueryResult> results, String query) {
        if (results.isEmpty()) {
            return new Decision.Violation(List.of(Finding.message(query + " is undefined for this input (not allowed)")));
        }
        if (results.size() > 1) {
            return new Decision.Error(query + " produced " + results.size() + " results; a decision query must produce one value");
        }
        QueryResult r = results.get(0);
        if (r.expressions().size() != 1) {
            return new Decision.Error(query + " has " + r.expressions().size() + " expressions; a decision query must be one reference");
        }
        return read(r.expressions().get(0).value(), query);
    }

    /** Reads one value as a decision. */
    public static Decision read(Value value, String query) {
        return switch (value) {
            case BooleanValue b -> b.value()
                    ? new Decision.Compliant()
                    : new Decision.Violation(List.of(Finding.message(query + " is false (not allowed)")));
            case SetValue s -> findings(s.asList(), query);
            case ArrayValue a -> findings(a.asList(), query);
            default -> new Decision.Error(query + " is " + article(value.typeName())
                    + "; expected a boolean (allow) or a set of violations (deny)");
        };
    }

    private static Decision findings(List<Value> items, String query) {
        if (items.isEmpty()) {
            return new Decision.Compliant();
        }
        List<Finding> out = new ArrayList<>(items.size());
        for (Value item : items) {
            out.add(finding(item));
        }
        return new Decision.Violation(out);
    }

    static Finding finding(Value item) {
        if (item instanceof StringValue s) {
            return Finding.message(s.value());
        }
        if (!(item instanceof ObjectValue o)) {
            return Finding.message(Json.write(item));
        }
        String msg = firstString(o, "msg", "message");
        String rule = firstString(o, "rule", "id");
        String severity = firstString(o, "severity");
        String resource = firstString(o, "resource");
        List<String> actions = new ArrayList<>();
        Value a = o.get("actions");
        List<Value> listed = a instanceof ArrayValue arr ? arr.asList() : a instanceof SetValue set ? set.asList() : List.of();
        for (Value v : listed) {
            if (v instanceof StringValue s && !actions.contains(s.value())) {
                actions.add(s.value());
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < o.size(); i++) {
            String key = o.keyAt(i) instanceof StringValue s ? s.value() : Json.write(o.keyAt(i));
            if (!KNOWN.contains(key)) {
                Object java = Json.toJava(o.valueAt(i));
                if (java != null) {
                    details.put(key, java);
                }
            }
        }
        if (msg == null) {
            msg = rule != null ? rule : Json.write(o);
        }
        return new Finding(msg, rule, severity, actions, resource, details);
    }

    private static String firstString(ObjectValue o, String... keys) {
        for (String k : keys) {
            if (o.get(k) instanceof StringValue s) {
                return s.value();
            }
        }
        return null;
    }

    private static String article(String typeName) {
        return ("aeiou".indexOf(typeName.charAt(0)) >= 0 ? "an " : "a ") + typeName;
    }
}
