package dev.ecsguard.decision;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One violation reported by the policy.
 *
 * @param msg what is wrong (never null; a bare string result becomes the message)
 * @param rule rule id, e.g. {@code ECS_PRIVILEGED}, or null
 * @param severity critical/high/medium/low, or null
 * @param actions the actions the policy requests ({@code stop_task}, {@code scale_service},
 *     {@code deregister_task_definition}, {@code alert}); empty when it requests none
 * @param resource what the finding is about (an ARN), or null
 * @param details every other field of the policy's object (source, container...)
 */
public record Finding(String msg, String rule, String severity, List<String> actions, String resource,
        Map<String, Object> details) {
    public Finding {
        Objects.requireNonNull(msg, "msg");
        actions = List.copyOf(actions);
        details = Map.copyOf(details);
    }

    public static Finding message(String msg) {
        return new Finding(msg, null, null, List.of(), null, Map.of());
    }
}
