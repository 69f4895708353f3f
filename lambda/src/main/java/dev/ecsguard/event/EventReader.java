package dev.ecsguard.event;

import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an invocation payload (or a replayed file) into the events it holds. The bytes are parsed
 * once, straight into engine values (the input document is built from them without another
 * conversion). Understands:
 *
 * <ul>
 *   <li>an EventBridge event ({@code detail-type}, {@code source}, {@code detail}),
 *   <li>a CloudTrail record on its own or a CloudTrail log file ({@code {"Records": [...]}}),
 *   <li>an ECS deployment lifecycle hook invocation, in both of its shapes ({@link EcsEvent.DeploymentHook}),
 *   <li>SNS notifications ({@code Type: Notification}, {@code Message}) and Lambda SNS/SQS
 *       batches ({@code Records[].Sns.Message}, {@code Records[].body}) with an event as text,
 *       nested (SNS to SQS),
 *   <li>a UTF-8 byte-order mark.
 * </ul>
 *
 * Anything else is classified, never thrown: {@link ReceivedEvent.Ignored} for well-formed events
 * that are not evaluated, {@link ReceivedEvent.Unreadable} for the rest. The result is never empty.
 */
public final class EventReader {
    /** SNS inside SQS inside ... is followed this many levels deep. */
    static final int MAX_WRAPPING = 4;
    static final String ECS_EVENT_SOURCE = HandledEvents.CLOUDTRAIL_EVENT_SOURCE;
    static final String ECS_SOURCE = HandledEvents.SOURCE;

    private EventReader() {}

    /** Classifies every event in {@code payload}. */
    public static List<ReceivedEvent> read(byte[] payload) {
        List<ReceivedEvent> out = new ArrayList<>(1);
        if (isBlank(payload)) {
            out.add(new ReceivedEvent.Unreadable("", null, null, "empty file"));
            return out;
        }
        Value root;
        try {
            root = Json.parse(payload);
        } catch (Json.JsonException e) {
            out.add(new ReceivedEvent.Unreadable("", null, namesDeploymentHook(payload) ? Trigger.DEPLOYMENT.label() : null,
                    jsonProblem(e)));
            return out;
        } catch (StackOverflowError e) {
            out.add(new ReceivedEvent.Unreadable("", null, namesDeploymentHook(payload) ? Trigger.DEPLOYMENT.label() : null,
                    "nesting too deep"));
            return out;
        }
        classify(root, "", 0, out);
        return out;
    }

    private static final byte[][] HOOK_MARKERS = {
        "\"targetServiceRevisionArn\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        "\"lifecycleStage\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII)};

    /**
     * True when the bytes name a lifecycle hook field, read or not: an invocation that cannot be
     * read or decided is then still answered as a hook (by HOOK_FAILURE_POLICY), never with a
     * summary ECS cannot read. A byte search, no parse.
     */
    public static boolean namesDeploymentHook(byte[] payload) {
        for (byte[] marker : HOOK_MARKERS) {
            if (ByteSearch.contains(payload, marker)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(byte[] b) {
        int i = 0;
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            i = 3;
        }
        for (; i < b.length; i++) {
            if (!(b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
                return false;
            }
        }
        return true;
    }

    static String jsonProblem(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        if (m.toLowerCase(Locale.ROOT).contains("nesting depth")) {
            return "nesting too deep (more than " + Json.MAX_DEPTH + " levels)";
        }
        return m.startsWith("invalid JSON") ? m : "invalid JSON: " + m;
    }

    private static String join(String origin, String label) {
        return origin.isEmpty() ? label : origin + " > " + label;
    }

    private static void classify(Value v, String origin, int wrapping, List<ReceivedEvent> out) {
        if (!(v instanceof ObjectValue o)) {
            out.add(new ReceivedEvent.Unreadable(origin, null, null, "not a JSON object (" + v.typeName() + ")"));
            return;
        }
        Value records = o.get("Records");
        if (records != null) {
            if (!(records instanceof ArrayValue list)) {
                out.add(new ReceivedEvent.Unreadable(origin, null, null, "Records is not an array"));
                return;
            }
            if (list.size() == 0) {
                out.add(new ReceivedEvent.Ignored(origin, null, null, null, "Records is empty"));
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                record(list.get(i), origin.isEmpty() ? "Records[" + i + "]" : origin + ".Records[" + i + "]", wrapping, out);
            }
            return;
        }
        if ("Notification".equals(JsonFields.string(o, "Type")) && o.get("Message") instanceof StringValue m) {
            unwrap(m.value(), join(origin, "Message"), wrapping, out);
            return;
        }
        if (!o.containsKey(StringValue.of("detail-type")) && JsonFields.present(o, "schema_version")
                && JsonFields.present(o, "trigger")) {
            out.add(new ReceivedEvent.Ignored(origin, null, JsonFields.string(o, "trigger"), null,
                    "an ecs-guard input document (schema_version " + JsonFields.text(o, "schema_version")
                            + "), not an event: evaluate it with ecs-guard eval"));
            return;
        }
        if (!o.containsKey(StringValue.of("detail-type")) && JsonFields.present(o, "eventName")
                && JsonFields.present(o, "eventSource")) {
            cloudTrailRecord(o, origin, out);
            return;
        }
        if (isDeploymentHook(o)) {
            deploymentHook(o, origin, out);
            return;
        }
        eventBridge(o, origin, out);
    }

    /** A lifecycle hook payload: {@code executionDetails}, or the older shape's top-level fields. */
    static boolean isDeploymentHook(ObjectValue o) {
        return !o.containsKey(StringValue.of("detail-type"))
                && (JsonFields.object(o, "executionDetails") != null || JsonFields.present(o, "lifecycleStage")
                        || JsonFields.present(o, "targetServiceRevisionArn"));
    }

    /**
     * Accepted, whatever it lacks (the input document says what is missing, and the decision is
     * then {@code error}, answered by HOOK_FAILURE_POLICY), except during a rollback.
     */
    private static void deploymentHook(ObjectValue o, String origin, List<ReceivedEvent> out) {
        EcsEvent.DeploymentHook probe = new EcsEvent.DeploymentHook(new EventEnvelope(null, null, null, null, null, null, null, o));
        String[] where = accountAndRegion(probe.serviceArn(), probe.targetServiceRevisionArn(), probe.serviceDeploymentArn());
        List<Value> resources = new ArrayList<>();
        for (String arn : new String[] {probe.serviceArn(), probe.targetServiceRevisionArn()}) {
            if (arn != null) {
                resources.add(StringValue.of(arn));
            }
        }
        EcsEvent.DeploymentHook hook = new EcsEvent.DeploymentHook(new EventEnvelope(probe.executionId(),
                EventEnvelope.DEPLOYMENT_HOOK, ECS_SOURCE, where[0], null, where[1],
                ArrayValue.wrap(resources.toArray(Value[]::new)), o));
        String rollback = rollback(hook);
        if (rollback != null) {
            out.add(new ReceivedEvent.Ignored(origin, hook.executionId(), Trigger.DEPLOYMENT.label(), hook.resource(), rollback));
            return;
        }
        out.add(new ReceivedEvent.Accepted(origin, hook));
    }

    /**
     * Why this invocation belongs to a rollback, or null. ECS invokes the hooks of the traffic-shift
     * stages again while it rolls back, with the target revision's weight at 0 and another's above
     * (AWS, "Lifecycle hooks during rollback"): the gate never stands in the way of a rollback.
     */
    static String rollback(EcsEvent.DeploymentHook hook) {
        String stage = hook.lifecycleStage();
        String weights = "PRODUCTION_TRAFFIC_SHIFT".equals(stage) ? "productionTrafficWeights"
                : "TEST_TRAFFIC_SHIFT".equals(stage) ? "testTrafficWeights" : null;
        String target = hook.targetServiceRevisionArn();
        ObjectValue w = weights == null ? null : hook.trafficWeights(weights);
        if (w == null || target == null || !(w.get(StringValue.of(target)) instanceof NumberValue t) || t.signum() != 0) {
            return null;
        }
        for (int i = 0; i < w.size(); i++) {
            if (!w.keyAt(i).equals(StringValue.of(target)) && w.valueAt(i) instanceof NumberValue other && other.signum() > 0) {
                return "rollback: " + stage + " moves traffic back from " + target
                        + " (weight 0); the gate never stands in the way of a rollback";
            }
        }
        return null;
    }

    /** {account, region} of the first ARN that names them. */
    private static String[] accountAndRegion(String... arns) {
        for (String arn : arns) {
            if (arn != null && arn.startsWith("arn:")) {
                String[] p = arn.split(":", 6);
                if (p.length == 6 && !p[3].isEmpty() && !p[4].isEmpty()) {
                    return new String[] {p[4], p[3]};
                }
            }
        }
        return new String[] {null, null};
    }

    /** One element of {@code Records}: an SNS or SQS delivery, or a CloudTrail record. */
    private static void record(Value rec, String label, int wrapping, List<ReceivedEvent> out) {
        if (!(rec instanceof ObjectValue r)) {
            out.add(new ReceivedEvent.Unreadable(label, null, null, "record is not a JSON object (" + rec.typeName() + ")"));
            return;
        }
        ObjectValue sns = JsonFields.object(r, "Sns");
        if (sns != null && sns.get("Message") instanceof StringValue m) {
            unwrap(m.value(), label + ".Sns.Message", wrapping, out);
            return;
        }
        if (r.get("body") instanceof StringValue body) {
            unwrap(body.value(), label + ".body", wrapping, out);
            return;
        }
        if (JsonFields.present(r, "eventName") && JsonFields.present(r, "eventSource")) {
            cloudTrailRecord(r, label, out);
            return;
        }
        out.add(new ReceivedEvent.Unreadable(label, null, null,
                "record is neither a CloudTrail record nor an SNS or SQS message"));
    }

    private static void unwrap(String text, String origin, int wrapping, List<ReceivedEvent> out) {
        if (wrapping >= MAX_WRAPPING) {
            out.add(new ReceivedEvent.Unreadable(origin, null, null, "wrapped more than " + MAX_WRAPPING + " levels deep"));
            return;
        }
        if (text.isBlank()) {
            out.add(new ReceivedEvent.Unreadable(origin, null, null, "empty message"));
            return;
        }
        Value inner;
        try {
            inner = Json.parse(text);
        } catch (Json.JsonException e) {
            out.add(new ReceivedEvent.Unreadable(origin, null, null, jsonProblem(e)));
            return;
        }
        classify(inner, origin, wrapping + 1, out);
    }

    private static void eventBridge(ObjectValue o, String origin, List<ReceivedEvent> out) {
        String id = JsonFields.text(o, "id");
        String source = JsonFields.string(o, "source");
        String detailType = JsonFields.string(o, "detail-type");
        if (!ECS_SOURCE.equals(source)) {
            out.add(new ReceivedEvent.Ignored(origin, id, null, firstResource(o),
                    "source " + (source == null ? "(none)" : source) + " is not " + ECS_SOURCE));
            return;
        }
        boolean taskChange = EventEnvelope.TASK_STATE_CHANGE.equals(detailType);
        if (!taskChange && !EventEnvelope.API_CALL.equals(detailType)) {
            out.add(new ReceivedEvent.Ignored(origin, id, null, firstResource(o),
                    "detail-type '" + (detailType == null ? "(none)" : detailType) + "' is not evaluated"));
            return;
        }
        String trigger = taskChange ? Trigger.TASK_STATE_CHANGE.label() : null;
        if (!(o.get("detail") instanceof ObjectValue detail)) {
            out.add(new ReceivedEvent.Unreadable(origin, id, trigger, "detail is missing or not an object"));
            return;
        }
        EventEnvelope envelope = new EventEnvelope(id, detailType, source,
                firstNonNull(JsonFields.string(o, "account"), JsonFields.string(detail, "recipientAccountId")),
                JsonFields.text(o, "time"),
                firstNonNull(JsonFields.string(o, "region"), JsonFields.string(detail, "awsRegion")),
                o.get("resources") instanceof ArrayValue a ? a : ArrayValue.EMPTY, detail);
        if (taskChange) {
            if (JsonFields.nonEmpty(detail, "taskArn") == null) {
                out.add(new ReceivedEvent.Unreadable(origin, id, trigger, "ECS Task State Change without detail.taskArn"));
                return;
            }
            String status = JsonFields.string(detail, "lastStatus");
            if (!HandledEvents.decidesTaskStatus(status)) {
                out.add(new ReceivedEvent.Ignored(origin, id, trigger, JsonFields.string(detail, "taskArn"),
                        "lastStatus " + (status == null ? "(none)" : status) + " is not decided"));
                return;
            }
            out.add(new ReceivedEvent.Accepted(origin, new EcsEvent.TaskStateChange(envelope)));
            return;
        }
        apiCall(envelope, origin, out);
    }

    /** A CloudTrail record outside EventBridge (a trail log file): the envelope comes from the record. */
    private static void cloudTrailRecord(ObjectValue r, String origin, List<ReceivedEvent> out) {
        ObjectValue identity = JsonFields.object(r, "userIdentity");
        EventEnvelope envelope = new EventEnvelope(
                JsonFields.text(r, "eventID"), EventEnvelope.API_CALL, ECS_SOURCE,
                firstNonNull(JsonFields.string(r, "recipientAccountId"), JsonFields.string(identity, "accountId")),
                JsonFields.text(r, "eventTime"), JsonFields.string(r, "awsRegion"), ArrayValue.EMPTY, r);
        apiCall(envelope, origin, out);
    }

    private static void apiCall(EventEnvelope envelope, String origin, List<ReceivedEvent> out) {
        ObjectValue record = envelope.detail();
        String eventSource = JsonFields.string(record, "eventSource");
        String eventName = JsonFields.string(record, "eventName");
        if (!ECS_EVENT_SOURCE.equals(eventSource)) {
            out.add(new ReceivedEvent.Ignored(origin, envelope.id(), null, null,
                    "eventSource " + (eventSource == null ? "(none)" : eventSource) + " is not " + ECS_EVENT_SOURCE));
            return;
        }
        Trigger trigger = Trigger.ofApiCall(eventName).orElse(null);
        if (trigger == null) {
            out.add(new ReceivedEvent.Ignored(origin, envelope.id(), null, null,
                    "eventName " + (eventName == null ? "(none)" : eventName) + " is not a trigger"));
            return;
        }
        EcsEvent.ApiCall call = new EcsEvent.ApiCall(envelope, trigger);
        if (JsonFields.present(record, "errorCode")) {
            String code = JsonFields.text(record, "errorCode");
            out.add(new ReceivedEvent.Ignored(origin, envelope.id(), trigger.label(), call.resource(),
                    "failed call: " + (code == null ? "error" : code)));
            return;
        }
        if (trigger.launchesTasks() && call.taskCount() > 1) {
            // one decision per task started: each is judged, and acted on, on its own
            for (int i = 0; i < call.taskCount(); i++) {
                out.add(new ReceivedEvent.Accepted(join(origin, "tasks[" + i + "]"), new EcsEvent.ApiCall(envelope, trigger, i)));
            }
            return;
        }
        out.add(new ReceivedEvent.Accepted(origin, call));
    }

    private static String firstResource(ObjectValue o) {
        return o.get("resources") instanceof ArrayValue a && a.size() > 0 && a.get(0) instanceof StringValue s ? s.value() : null;
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
