package dev.ecsguard.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM policy documents written out as CloudFormation has them (ordered maps), so each statement
 * reads in the synthesized template exactly as in template.yaml and as tests assert it.
 */
final class Iam {
    private Iam() {}

    static Map<String, Object> document(List<?> statements) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Version", "2012-10-17");
        doc.put("Statement", statements);
        return doc;
    }

    /** An Allow statement; {@code principal} null for an identity policy, {@code condition} null for none. */
    static Map<String, Object> statement(String sid, Object principal, List<String> actions, List<?> resources,
            Map<String, ?> condition) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Sid", sid);
        s.put("Effect", "Allow");
        if (principal != null) {
            s.put("Principal", principal);
        }
        s.put("Action", actions.size() == 1 ? actions.get(0) : actions);
        s.put("Resource", resources.size() == 1 ? resources.get(0) : resources);
        if (condition != null && !condition.isEmpty()) {
            s.put("Condition", condition);
        }
        return s;
    }

    static Map<String, Object> statement(String sid, List<String> actions, List<?> resources, Map<String, ?> condition) {
        return statement(sid, null, actions, resources, condition);
    }

    /** A two-entry map in this order (Map.of's order changes from one JVM to the next). */
    static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    static Map<String, Object> service(String service) {
        return Map.of("Service", service);
    }

    /** The trust policy statement of a role that {@code service} assumes. */
    static Map<String, Object> trust(String service) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Effect", "Allow");
        s.put("Principal", service(service));
        s.put("Action", "sts:AssumeRole");
        return s;
    }
}
