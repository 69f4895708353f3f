package dev.ecsguard.handler;

import dev.ecsguard.config.Config;
import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.DecisionRecord;
import dev.ecsguard.enforce.Enforcement;
import dev.ecsguard.enforce.Planner;
import dev.ecsguard.enforce.Subject;
import dev.ecsguard.event.EcsEvent;
import dev.ecsguard.event.EventReader;
import dev.ecsguard.event.ReceivedEvent;
import dev.ecsguard.input.InputDocument;
import dev.ecsguard.input.InputDocumentBuilder;
import dev.ecsguard.policy.ActivePolicy;
import dev.ecsguard.policy.PolicyStore;
import dev.ecsguard.rego.eval.EvalOptions;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One pass per event: envelope, input document, decision, actions and evidence. The Lambda
 * handler and {@code ecs-guard replay} both run this class, so a replayed event is decided exactly
 * as the function would decide it. Nothing thrown by a single event escapes, an {@link Error}
 * (OutOfMemoryError, StackOverflowError) included: it becomes that event's "error" record. A
 * violation's actions go to the {@link Enforcement} (carried out, or only planned), on the
 * resources of the input document the policy saw. With a {@link Deadline}, the events not decided
 * in time are "error" records too.
 */
public final class EnforcementPipeline {
    private final Config config;
    private final PolicyStore policies;
    private final InputDocumentBuilder inputs;
    private final Enforcement enforcement;
    private final EvalOptions evalOptions;

    /** Actions only planned (recorded as dry_run), nothing called. */
    public EnforcementPipeline(Config config, PolicyStore policies, InputDocumentBuilder inputs) {
        this(config, policies, inputs, Enforcement.planOnly(new Planner(config.enforcement(), config.mode())));
    }

    public EnforcementPipeline(Config config, PolicyStore policies, InputDocumentBuilder inputs, Enforcement enforcement) {
        this.config = config;
        this.policies = policies;
        this.inputs = inputs;
        this.enforcement = enforcement;
        this.evalOptions = EvalOptions.DEFAULT.withLimits(config.evalMaxSteps(), config.evalTimeout(),
                EvalOptions.DEFAULT.maxDepth());
    }

    public PolicyStore policies() {
        return policies;
    }

    /** Decides every event in {@code payload}; at least one record, never an exception. */
    public List<DecisionRecord> process(byte[] payload) {
        return process(payload, Deadline.NONE);
    }

    /**
     * Decides every event in {@code payload} by the deadline: an event not started, not evaluated
     * or not acted on by then is an "error" record (a violation decided too late is not acted on).
     */
    public List<DecisionRecord> process(byte[] payload, Deadline deadline) {
        long start = System.nanoTime();
        if (payload.length > config.maxEventBytes()) {
            return List.of(record("", null, null, null, new Decision.Error("payload of " + payload.length
                    + " bytes is larger than MAX_EVENT_BYTES (" + config.maxEventBytes() + ")"), null, null, null,
                    new DecisionRecord.Timings(0, 0, 0, micros(start))));
        }
        List<ReceivedEvent> events;
        try {
            events = EventReader.read(payload);
        } catch (RuntimeException | Error e) {
            events = List.of(new ReceivedEvent.Unreadable("", null, null, "unreadable payload: " + e));
        }
        long parse = micros(start);
        List<DecisionRecord> out = new ArrayList<>(events.size());
        for (ReceivedEvent e : events) {
            long eventStart = System.nanoTime();
            DecisionRecord r;
            if (deadline.passed()) {
                r = failed(e, "not decided: " + TIME_UP, parse, eventStart);
            } else {
                try {
                    r = decide(e, parse, deadline);
                } catch (RuntimeException | Error failure) {
                    // The last resort for one event (an OutOfMemoryError's garbage is gone by now).
                    r = failed(e, "event could not be decided: " + failure, parse, eventStart);
                }
            }
            out.add(r);
        }
        return out;
    }

    /** Why an event was not decided in time (the handler's deadline is the Lambda's remaining time less a margin). */
    static final String TIME_UP = "the invocation's time ran out (Lambda remaining time less "
            + Deadline.SAFETY_MARGIN.toMillis() + " ms)";

    /**
     * An "error" record for an event, with what is known of it without its input document. It goes
     * to the enforcement like every record: an error on a deployment hook is answered by
     * HOOK_FAILURE_POLICY. Should that fail too, the handler's catch-all answers.
     */
    private DecisionRecord failed(ReceivedEvent received, String reason, long parseMicros, long start) {
        record Known(String id, String trigger, Subject subject) {}
        Known known = switch (received) {
            case ReceivedEvent.Accepted a -> new Known(a.event().envelope().id(), a.event().trigger().label(), subject(a.event(), null));
            case ReceivedEvent.Ignored i -> new Known(i.eventId(), i.trigger(), Subject.of(i.trigger(), i.eventId()));
            case ReceivedEvent.Unreadable u -> new Known(u.eventId(), u.trigger(), Subject.of(u.trigger(), u.eventId()));
        };
        return enforcement.apply(record(received.origin(), known.id(), known.trigger(), null, new Decision.Error(reason),
                null, null, null, new DecisionRecord.Timings(parseMicros, 0, 0, micros(start))), known.subject());
    }

    private DecisionRecord decide(ReceivedEvent received, long parseMicros, Deadline deadline) {
        long start = System.nanoTime();
        return switch (received) {
            case ReceivedEvent.Ignored i -> enforcement.apply(record(i.origin(), i.eventId(), i.trigger(), i.resource(),
                    new Decision.Skipped(i.reason()), null, null, null, new DecisionRecord.Timings(parseMicros, 0, 0, micros(start))),
                    Subject.of(i.trigger(), i.eventId()));
            case ReceivedEvent.Unreadable u -> enforcement.apply(record(u.origin(), u.eventId(), u.trigger(), null,
                    new Decision.Error(u.reason()), null, null, null, new DecisionRecord.Timings(parseMicros, 0, 0, micros(start))),
                    Subject.of(u.trigger(), u.eventId()));
            case ReceivedEvent.Accepted a -> evaluate(a.origin(), a.event(), parseMicros, deadline);
        };
    }

    /**
     * Every record goes to the enforcement, whatever its decision: only a violation acts, and an
     * {@code error} on a deployment hook is answered by HOOK_FAILURE_POLICY (with its alert).
     */
    private DecisionRecord evaluate(String origin, EcsEvent event, long parseMicros, Deadline deadline) {
        long start = System.nanoTime();
        String id = event.envelope().id();
        String trigger = event.trigger().label();
        String resource;
        InputDocument input;
        try {
            enforcement.startEvent(id);
            resource = event.resource();
            input = config.inputMode() == Config.InputMode.DETAIL
                    ? InputDocumentBuilder.detailInput(event)
                    : inputs.build(event);
        } catch (RuntimeException | Error e) {
            return enforcement.apply(record(origin, id, trigger, null, new Decision.Error("input document could not be built: " + e),
                    null, null, null, new DecisionRecord.Timings(parseMicros, micros(start), 0, micros(start))), subject(event, null));
        }
        String digest = digest(input.value());
        long inputMicros = micros(start);
        String from = input.taskDefinitionFrom().orElse(null);
        Optional<ActivePolicy> active = policies.current();
        DecisionRecord.PolicyIdentity identity = active.map(p -> new DecisionRecord.PolicyIdentity(p.version(), p.sha256())).orElse(null);
        if (input.missing().isPresent()) {
            return enforcement.apply(record(origin, id, trigger, resource, new Decision.Error("missing data: " + input.missing().get()),
                    identity, digest, from, new DecisionRecord.Timings(parseMicros, inputMicros, 0, micros(start))),
                    subject(event, input.value()));
        }
        if (active.isEmpty()) {
            return enforcement.apply(record(origin, id, trigger, resource, new Decision.Error(policies.unavailableReason()),
                    null, digest, from, new DecisionRecord.Timings(parseMicros, inputMicros, 0, micros(start))),
                    subject(event, input.value()));
        }
        ActivePolicy policy = active.get();
        long evalStart = System.nanoTime();
        Decision decision;
        if (deadline.passed()) {
            decision = new Decision.Error("not evaluated: " + TIME_UP);
        } else {
            EvalOptions options = evalOptions.withLimits(evalOptions.maxSteps(), deadline.bound(evalOptions.timeout()),
                    evalOptions.maxDepth());
            decision = policy.decide(input.value(), options);
            if (deadline.passed() && !(decision instanceof Decision.Compliant)) {
                // An evaluation the deadline cut short, or a violation too late to act on in time.
                String what = decision instanceof Decision.Error err ? err.reason() : "decided " + decision.label();
                decision = new Decision.Error(TIME_UP + " (" + what + "), no action taken");
            }
        }
        long evalMicros = micros(evalStart);
        DecisionRecord decided = record(origin, id, trigger, resource, decision, identity, digest, from,
                new DecisionRecord.Timings(parseMicros, inputMicros, evalMicros, micros(start)));
        return enforcement.apply(decided, subject(event, input.value()));
    }

    /** The subject of the input the policy saw (null: the event's); nothing to act on is safer than a guess. */
    private static Subject subject(EcsEvent event, Value input) {
        try {
            return Subject.of(event, input);
        } catch (RuntimeException e) {
            return Subject.of(event.trigger().label(), event.envelope().id());
        }
    }

    private DecisionRecord record(String origin, String id, String trigger, String resource, Decision decision,
            DecisionRecord.PolicyIdentity policy, String digest, String from, DecisionRecord.Timings timings) {
        List<String> actions = decision instanceof Decision.Violation v ? List.copyOf(v.requestedActions()) : List.of();
        return new DecisionRecord(origin, id, trigger, resource, decision, config.mode().label(), actions, policy,
                digest, from, timings);
    }

    /** SHA-256 of the input as canonical JSON (keys sorted, as the engine writes values). */
    static String digest(Value input) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StringBuilder canonical = new StringBuilder(8192);   // an input document is a few KB
            Json.write(canonical, input);
            return HexFormat.of().formatHex(md.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }


    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }
}
