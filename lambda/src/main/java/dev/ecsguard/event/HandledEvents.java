package dev.ecsguard.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events the enforcement function decides on, in one place: {@link EventReader} accepts
 * exactly these, the CDK app (infra-cdk) builds its two EventBridge rules from
 * {@link #taskStateChangePattern()} and {@link #apiCallPattern()}, and infra-cdk's tests require
 * {@code template.yaml} and {@code member.yaml} to carry the same patterns and run every file of
 * {@code events-samples/} through them with AWS's event-ruler.
 *
 * <p>Adding a trigger: a {@link Trigger} constant (an API call) or a status here, then the same
 * value in the patterns of {@code template.yaml} and {@code member.yaml} (the parity test names
 * what is missing).
 */
public final class HandledEvents {
    /** EventBridge {@code source} of every ECS event, task state changes and CloudTrail records alike. */
    public static final String SOURCE = "aws.ecs";
    /** CloudTrail {@code eventSource} of ECS API calls. */
    public static final String CLOUDTRAIL_EVENT_SOURCE = "ecs.amazonaws.com";

    /**
     * Every {@code lastStatus} of an ECS task. All are decided: a violation is reported whenever it
     * is first seen (a task can be caught PROVISIONING or only once it is STOPPED), and the
     * ledger makes the many events of one task a single remediation.
     */
    public static final List<String> TASK_STATUSES = List.of("PROVISIONING", "PENDING", "ACTIVATING", "RUNNING",
            "DEACTIVATING", "STOPPING", "DEPROVISIONING", "STOPPED");

    private HandledEvents() {}

    /** CloudTrail {@code eventName}s of the ECS API calls the pipeline decides on, in {@link Trigger} order. */
    public static List<String> apiCallNames() {
        return Trigger.apiCallNames();
    }

    /** Whether a task state change with this {@code lastStatus} is decided. */
    public static boolean decidesTaskStatus(String lastStatus) {
        return lastStatus != null && TASK_STATUSES.contains(lastStatus);
    }

    /** The EventBridge pattern of ECS Task State Change events with a decided {@code lastStatus}. */
    public static Map<String, Object> taskStateChangePattern() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source", List.of(SOURCE));
        p.put("detail-type", List.of(EventEnvelope.TASK_STATE_CHANGE));
        p.put("detail", Map.of("lastStatus", TASK_STATUSES));
        return p;
    }

    /**
     * The EventBridge pattern of successful ECS API calls recorded by CloudTrail whose
     * {@code eventName} is a trigger. Failed calls (with {@code errorCode}) are left out here as
     * the pipeline skips them: they change nothing that could be remediated.
     */
    public static Map<String, Object> apiCallPattern() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventSource", List.of(CLOUDTRAIL_EVENT_SOURCE));
        detail.put("eventName", apiCallNames());
        detail.put("errorCode", List.of(Map.of("exists", false)));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("source", List.of(SOURCE));
        p.put("detail-type", List.of(EventEnvelope.API_CALL));
        p.put("detail", detail);
        return p;
    }
}
