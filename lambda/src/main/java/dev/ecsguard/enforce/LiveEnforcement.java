package dev.ecsguard.enforce;

import static dev.ecsguard.ledger.Ledger.s;

import dev.ecsguard.alert.AlertWriter;
import dev.ecsguard.alert.DecisionEvents;
import dev.ecsguard.alert.SnsAlerts;
import dev.ecsguard.aws.AccountAccess;
import dev.ecsguard.config.Config;
import dev.ecsguard.decision.ActionKind;
import dev.ecsguard.decision.ActionTaken;
import dev.ecsguard.decision.ActionTaken.Outcome;
import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.DecisionRecord;
import dev.ecsguard.ledger.CircuitBreaker;
import dev.ecsguard.ledger.Ledger;
import dev.ecsguard.ledger.LedgerException;
import dev.ecsguard.log.StructuredLog;
import dev.ecsguard.metrics.EmfMetrics;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Carries out a violation's actions and sends its evidence, in this order: the plan
 * ({@link Planner}: ACTIONS, CLUSTERS, MODE); the account ({@link AccountAccess}: another account
 * only through MEMBER_ROLE_NAME); a ledger claim per action (nothing acts when the ledger cannot
 * be written; a claim someone holds is a duplicate); one circuit-breaker slot for the resource
 * (open: every action is dry-run, and one alert says so); the actions, service first, then the
 * task, then the revision, each outcome written to its ledger item; the verdict on a deployment
 * waiting at a lifecycle hook (block_deployment: no role, no breaker slot, claimed in the ledger
 * only so that the same hook execution answered twice is one block and one alert); the SNS alert,
 * claimed in the ledger too so that one resource is alerted once (again when a later event
 * remediates what an earlier one only reported); the EventBridge event. Never throws.
 */
public final class LiveEnforcement implements Enforcement {
    static final String ALERT_KEY = "alert#";
    static final String NOTICE = "notice";
    static final String REMEDIATION = "remediation";

    private final Config config;
    private final Planner planner;
    private final AccountAccess accounts;
    private final Ledger ledger;
    private final CircuitBreaker breaker;
    private final Optional<SnsAlerts> alerts;
    private final Optional<DecisionEvents> events;
    private final EmfMetrics metrics;
    private final StructuredLog log;
    private final Map<ActionKind, ActionExecutor> executors = new EnumMap<>(ActionKind.class);

    public LiveEnforcement(Config config, AccountAccess accounts, Ledger ledger, Optional<SnsAlerts> alerts,
            Optional<DecisionEvents> events, EmfMetrics metrics, StructuredLog log) {
        this.config = config;
        this.planner = new Planner(config.enforcement(), config.mode());
        this.accounts = accounts;
        this.ledger = ledger;
        this.breaker = new CircuitBreaker(ledger, config.enforcement().breakerMaxRemediations(), config.enforcement().breakerWindow());
        this.alerts = alerts;
        this.events = events;
        this.metrics = metrics;
        this.log = log;
        for (ActionExecutor e : List.of(new ScaleService(), new StopTask(), new DeregisterTaskDefinition())) {
            executors.put(e.kind(), e);
        }
    }

    @Override
    public void startEvent(String eventId) {
        accounts.startEvent(eventId);
    }

    @Override
    public DecisionRecord apply(DecisionRecord record, Subject subject) {
        long start = System.nanoTime();
        List<Step> steps = new ArrayList<>(planner.plan(record, subject));
        if (steps.isEmpty() && !(record.decision() instanceof Decision.Violation)) {
            return record;
        }
        try {
            act(record, subject, steps);
            verdict(record, subject, steps);
            alert(record, subject, steps);
        } catch (RuntimeException e) { // a bug must not lose the record: what is unsettled failed
            log.error("enforcement failed", Map.of("event_id", String.valueOf(record.eventId()), "reason", String.valueOf(e)));
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).settled() == null) {
                    steps.set(i, steps.get(i).settle(Outcome.FAILED, "internal error: " + e));
                }
            }
        }
        DecisionRecord done = record.withActions(steps.stream().map(Step::settled).toList(), record.mode(),
                record.timings().plusAct((System.nanoTime() - start) / 1_000));
        events.ifPresent(ev -> {
            try {
                ev.put(done);
            } catch (SdkException e) {
                metrics.count("Errors", Map.of());
                log.error("decision event not delivered", Map.of("event_id", String.valueOf(record.eventId()),
                        "reason", String.valueOf(e.getMessage())));
            }
        });
        return done;
    }

    /** Access, claims, breaker and the actions themselves: every remediation step settled afterwards. */
    private void act(DecisionRecord record, Subject subject, List<Step> steps) {
        Map<Integer, AccountAccess.Access.Granted> granted = new LinkedHashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.settled() != null || !s.kind().remediation()) {
                continue;
            }
            String account = s.target().account() != null ? s.target().account() : subject.account();
            String region = s.target().region() != null ? s.target().region() : subject.region();
            switch (accounts.forActions(account, region)) {
                case AccountAccess.Access.Denied d -> steps.set(i, s.settle(Outcome.NOT_ALLOWED, d.reason()));
                case AccountAccess.Access.Granted g -> {
                    if (s.dryRunReason() != null) {
                        steps.set(i, s.settle(Outcome.DRY_RUN, s.dryRunReason()));
                    } else {
                        granted.put(i, g);
                    }
                }
            }
        }
        if (granted.isEmpty()) {
            return;
        }
        Map<Integer, Ledger.Claim> claims = new LinkedHashMap<>();
        try {
            for (int i : granted.keySet()) {
                Step s = steps.get(i);
                switch (ledger.claim(Ledger.actionKey(s.kind().label(), s.resource()), claimFields(record, subject, s), null, null)) {
                    case Ledger.ClaimResult.Claimed c -> claims.put(i, c.claim());
                    case Ledger.ClaimResult.Held h -> steps.set(i, s.settle(Outcome.DUPLICATE, "already " + h.status()
                            + (h.eventId() == null ? "" : " for event " + h.eventId())
                            + (h.claimedAt() == null ? "" : " at " + h.claimedAt().truncatedTo(ChronoUnit.SECONDS))));
                }
            }
            if (claims.isEmpty()) {
                return;
            }
            if (breaker.acquire(record.resource() != null ? record.resource() : String.valueOf(record.eventId()))
                    instanceof CircuitBreaker.Permit.Open open) {
                releaseAll(claims.values());
                String why = "circuit breaker open: " + breaker.max() + " resources remediated within "
                        + breaker.window().toSeconds() + " s; room again at " + open.roomAt().truncatedTo(ChronoUnit.SECONDS);
                for (int i : claims.keySet()) {
                    steps.set(i, steps.get(i).settle(Outcome.BREAKER_OPEN, why));
                }
                metrics.count("BreakerHeld", Map.of());
                if (open.justOpened()) {
                    breakerOpened(record, subject, open);
                }
                return;
            }
        } catch (LedgerException e) {
            releaseAll(claims.values());
            for (int i : granted.keySet()) {
                if (steps.get(i).settled() == null) {
                    steps.set(i, steps.get(i).settle(Outcome.FAILED, "not done: the ledger is unavailable (" + e.getMessage() + ")"));
                }
            }
            return;
        }
        for (Map.Entry<Integer, Ledger.Claim> c : claims.entrySet()) {
            int i = c.getKey();
            Step s = steps.get(i);
            ActionExecutor.Result result = executors.get(s.kind()).execute(s.target(), granted.get(i),
                    context(s, record, c.getValue()));
            String detail = result.detail();
            try {
                if (!ledger.complete(c.getValue(), result.done() ? Ledger.DONE : Ledger.FAILED, detail)) {
                    detail += " (the ledger claim was taken over meanwhile)";
                }
            } catch (LedgerException e) {
                detail += " (outcome not written to the ledger: " + e.getMessage() + ")";
            }
            steps.set(i, s.settle(result.done() ? Outcome.DONE : Outcome.FAILED, detail));
        }
    }

    /**
     * The answers (block_deployment): given whatever the ledger says, since blocking changes
     * nothing that exists. The ledger claim makes a second invocation of the same hook execution
     * a duplicate (same answer, no second alert); without the ledger the answer is the same.
     */
    private void verdict(DecisionRecord record, Subject subject, List<Step> steps) {
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.settled() != null || s.kind().effect() != ActionKind.Effect.VERDICT) {
                continue;
            }
            if (s.dryRunReason() != null) {
                steps.set(i, s.settle(Outcome.DRY_RUN, s.dryRunReason()));
                continue;
            }
            String detail = record.decision() instanceof Decision.Error
                    ? "answered FAILED: no decision could be made and HOOK_FAILURE_POLICY is fail"
                    : "answered FAILED: ECS rolls the deployment back before a task of it starts";
            try {
                switch (ledger.claim(Ledger.actionKey(s.kind().label(), s.resource()), claimFields(record, subject, s), null, null)) {
                    case Ledger.ClaimResult.Claimed c -> {
                        if (!ledger.complete(c.claim(), Ledger.DONE, detail)) {
                            detail += " (the ledger claim was taken over meanwhile)";
                        }
                        steps.set(i, s.settle(Outcome.DONE, detail));
                    }
                    case Ledger.ClaimResult.Held h -> steps.set(i, s.settle(Outcome.DUPLICATE, "already answered FAILED"
                            + (h.eventId() == null ? "" : " for event " + h.eventId())
                            + (h.claimedAt() == null ? "" : " at " + h.claimedAt().truncatedTo(ChronoUnit.SECONDS))));
                }
            } catch (LedgerException e) {
                steps.set(i, s.settle(Outcome.DONE, detail + " (not recorded: " + e.getMessage() + ")"));
            }
        }
    }

    private ActionExecutor.Context context(Step step, DecisionRecord record, Ledger.Claim claim) {
        return new ActionExecutor.Context() {
            @Override
            public List<String> rules() {
                return step.rules();
            }

            @Override
            public String eventId() {
                return record.eventId();
            }

            @Override
            public void recordBeforeActing(Map<String, AttributeValue> state) {
                if (!ledger.update(claim, state)) {
                    throw new LedgerException("the claim on " + claim.pk() + " was taken over", null);
                }
            }
        };
    }

    private static Map<String, AttributeValue> claimFields(DecisionRecord record, Subject subject, Step s) {
        Map<String, AttributeValue> f = new LinkedHashMap<>();
        f.put("action", s(s.kind().label()));
        f.put("resource", s(s.resource()));
        f.put("event_id", s(String.valueOf(record.eventId())));
        f.put("rules", s(String.join(",", s.rules())));
        if (subject.account() != null) {
            f.put("account", s(subject.account()));
        }
        if (subject.taskDefinitionArn() != null) {
            f.put("task_definition", s(subject.taskDefinitionArn()));
        }
        return f;
    }

    private void releaseAll(Iterable<Ledger.Claim> claims) {
        for (Ledger.Claim c : claims) {
            try {
                ledger.release(c);
            } catch (LedgerException ignored) {
                // the lease frees it
            }
        }
    }

    private void breakerOpened(DecisionRecord record, Subject subject, CircuitBreaker.Permit.Open open) {
        metrics.count("BreakerOpened", Map.of());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("max_remediations", breaker.max());
        f.put("window_seconds", breaker.window().toSeconds());
        f.put("room_at", open.roomAt().toString());
        f.put("event_id", record.eventId());
        log.warn("circuit breaker open", f);
        alerts.ifPresent(a -> {
            try {
                a.publish(AlertWriter.breakerOpened(record, subject, breaker.max(), breaker.window(), open.roomAt()));
            } catch (SdkException e) {
                metrics.count("Errors", Map.of());
                log.error("circuit breaker alert not delivered", Map.of("reason", String.valueOf(e.getMessage())));
            }
        });
    }

    /** The alert step: requested, or added because the account was changed; claimed once per resource. */
    private void alert(DecisionRecord record, Subject subject, List<Step> steps) {
        boolean attempted = steps.stream().anyMatch(s -> s.settled() != null && s.settled().outcome().attempted());
        int at = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).kind() == ActionKind.ALERT) {
                at = i;
            }
        }
        if (at < 0) {
            if (!attempted || !config.enforcement().allows(ActionKind.ALERT)) {
                return;
            }
            steps.add(planner.unrequestedAlert(record, subject));
            at = steps.size() - 1;
        }
        Step step = steps.get(at);
        if (step.settled() != null) {
            return;
        }
        if (alerts.isEmpty()) {
            steps.set(at, step.settle(Outcome.NOT_APPLICABLE, "ALERT_TOPIC_ARN is not set"));
            return;
        }
        String kind = attempted ? REMEDIATION : NOTICE;
        Map<String, AttributeValue> fields = new LinkedHashMap<>();
        fields.put("action", s(ActionKind.ALERT.label()));
        fields.put("resource", s(step.resource()));
        fields.put("event_id", s(String.valueOf(record.eventId())));
        fields.put("rules", s(String.join(",", step.rules())));
        fields.put("alert_kind", s(kind));
        Ledger.Claim claim = null;
        String note = "";
        try {
            // a remediation is told even when an earlier event of the resource was only reported
            switch (ledger.claim(ALERT_KEY + step.resource(), fields, attempted ? "alert_kind = :notice" : null,
                    attempted ? Map.of(":notice", s(NOTICE)) : null)) {
                case Ledger.ClaimResult.Claimed c -> claim = c.claim();
                case Ledger.ClaimResult.Held h -> {
                    steps.set(at, step.settle(Outcome.DUPLICATE, "already alerted"
                            + (h.eventId() == null ? "" : " for event " + h.eventId())));
                    return;
                }
            }
        } catch (LedgerException e) {
            note = " (sent without de-duplication: " + e.getMessage() + ")";
        }
        List<ActionTaken> before = steps.stream().filter(s -> s.settled() != null).map(Step::settled).toList();
        String mode = alertMode(steps, attempted);
        Outcome outcome;
        String detail;
        try {
            String id = alerts.get().publish(AlertWriter.of(record.withActions(before, record.mode(), record.timings()),
                    subject, mode));
            outcome = Outcome.DONE;
            detail = "SNS message " + id + " (" + mode + ")" + note;
        } catch (SdkException e) {
            outcome = Outcome.FAILED;
            detail = "SNS Publish failed: " + e.getMessage() + note;
        }
        if (claim != null) {
            try {
                ledger.complete(claim, outcome == Outcome.DONE ? Ledger.DONE : Ledger.FAILED, detail);
            } catch (LedgerException e) {
                detail += " (outcome not written to the ledger)";
            }
        }
        steps.set(at, step.settle(outcome, detail));
    }

    /** enforce when something was done or tried, or an enforce deployment simply alerts; dry-run otherwise. */
    private String alertMode(List<Step> steps, boolean attempted) {
        if (attempted) {
            return "enforce";
        }
        boolean held = steps.stream().anyMatch(s -> s.settled() != null
                && (s.settled().outcome() == Outcome.DRY_RUN || s.settled().outcome() == Outcome.BREAKER_OPEN));
        return config.mode() == Config.EnforcementMode.ENFORCE && !held ? "enforce" : "dry-run";
    }
}
