package dev.ecsguard.decision;

import java.util.List;
import java.util.Objects;

/**
 * Everything ecs-guard can prove about one event: what it was, what was decided, under which
 * policy version, on which input (its digest), what the decision requests, and how long it took.
 * The structured log line and a replay row are this record.
 *
 * @param origin where the event was in its payload ("" for the payload itself, {@code Records[1]})
 * @param eventId may be null
 * @param trigger {@code task_state_change}, {@code run_task}...; null when unknown
 * @param resource ARN or name of what the event is about; may be null
 * @param decision the decision
 * @param mode {@code dry-run} or {@code enforce}
 * @param requestedActions the union of the actions the violations request (empty otherwise); in
 *     dry-run they are recorded, not carried out
 * @param policy version and hash of the policy that decided; null when none was in force
 * @param inputDigest SHA-256 (hex) of the input document as canonical JSON; null when none was built
 * @param taskDefinitionFrom where the task definition came from; null when none
 * @param timings in microseconds
 * @param actionsTaken what became of each action (done, dry_run, duplicate, ...), in the order
 *     they were carried out; empty when there was nothing to do
 */
public record DecisionRecord(String origin, String eventId, String trigger, String resource, Decision decision,
        String mode, List<String> requestedActions, PolicyIdentity policy, String inputDigest,
        String taskDefinitionFrom, Timings timings, List<ActionTaken> actionsTaken) {

    public DecisionRecord {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(decision, "decision");
        requestedActions = List.copyOf(requestedActions);
        actionsTaken = List.copyOf(actionsTaken);
    }

    /** A record before enforcement: no action taken yet. */
    public DecisionRecord(String origin, String eventId, String trigger, String resource, Decision decision,
            String mode, List<String> requestedActions, PolicyIdentity policy, String inputDigest,
            String taskDefinitionFrom, Timings timings) {
        this(origin, eventId, trigger, resource, decision, mode, requestedActions, policy, inputDigest,
                taskDefinitionFrom, timings, List.of());
    }

    /** The same record with the actions taken, the mode they were taken in and the final timings. */
    public DecisionRecord withActions(List<ActionTaken> taken, String effectiveMode, Timings newTimings) {
        return new DecisionRecord(origin, eventId, trigger, resource, decision, effectiveMode, requestedActions, policy,
                inputDigest, taskDefinitionFrom, newTimings, taken);
    }

    /** Version label and content hash of a policy. */
    public record PolicyIdentity(String version, String sha256) {}

    /**
     * Microseconds spent: reading the payload (shared by the events it holds), building the
     * input document (task definition lookup included), evaluating, acting (ledger, AWS calls,
     * evidence), and this event in total.
     */
    public record Timings(long parseMicros, long inputMicros, long evalMicros, long totalMicros, long actMicros) {
        public static final Timings NONE = new Timings(0, 0, 0, 0, 0);

        public Timings(long parseMicros, long inputMicros, long evalMicros, long totalMicros) {
            this(parseMicros, inputMicros, evalMicros, totalMicros, 0);
        }

        /** With the time spent acting (ledger, AWS calls, alert) added to the total. */
        public Timings plusAct(long micros) {
            return new Timings(parseMicros, inputMicros, evalMicros, totalMicros + micros, actMicros + micros);
        }
    }

    /** The reason of a skipped or error decision, null otherwise. */
    public String reason() {
        return switch (decision) {
            case Decision.Skipped s -> s.reason();
            case Decision.Error e -> e.reason();
            default -> null;
        };
    }

    /** The findings of a violation, empty otherwise. */
    public List<Finding> findings() {
        return decision instanceof Decision.Violation v ? v.findings() : List.of();
    }
}
