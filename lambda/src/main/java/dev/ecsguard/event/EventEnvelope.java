package dev.ecsguard.event;

import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.ObjectValue;

/**
 * The EventBridge envelope of an event (for a raw CloudTrail record, the same facts taken from
 * the record): who sent it, when, from which account and region, and its {@code detail}.
 *
 * @param id the event id (EventBridge {@code id}, or CloudTrail {@code eventID}); may be null
 * @param detailType e.g. {@code ECS Task State Change}
 * @param source e.g. {@code aws.ecs}
 * @param account the account the event is about (events can be forwarded to a central bus)
 * @param time as sent (ISO 8601 text)
 * @param region the region the event is about
 * @param resources ARNs the event names (empty when none)
 * @param detail the {@code detail} object
 */
public record EventEnvelope(String id, String detailType, String source, String account, String time,
        String region, ArrayValue resources, ObjectValue detail) {

    public static final String TASK_STATE_CHANGE = "ECS Task State Change";
    public static final String API_CALL = "AWS API Call via CloudTrail";
    /** Not an EventBridge detail-type: the label of a deployment lifecycle hook invocation in records and input documents. */
    public static final String DEPLOYMENT_HOOK = "ECS Deployment Lifecycle Hook";

    public EventEnvelope {
        resources = resources == null ? ArrayValue.EMPTY : resources;
        detail = detail == null ? ObjectValue.EMPTY : detail;
    }
}
