package dev.ecsguard.enforce;

import dev.ecsguard.config.Config;
import dev.ecsguard.config.EnforcementSettings;
import dev.ecsguard.decision.ActionKind;
import dev.ecsguard.decision.ActionTaken.Outcome;
import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.DecisionRecord;
import dev.ecsguard.decision.Finding;
import dev.ecsguard.event.Trigger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a violation into the steps to take, in {@link ActionKind} order: for each action some
 * violation requests, its target (from {@link Targets}) and whether the deployment lets it run
 * ({@code ACTIONS}, {@code CLUSTERS}, {@code MODE}, the violation's own {@code mode}). A violation
 * may lower the mode for its rule ({@code "mode": "dry-run"}), never raise it: an action requested
 * by several violations runs when one of them is in enforce mode.
 *
 * <p>Any other decision has no step, except an {@code error} on a deployment lifecycle hook: the
 * deployment waits for an answer all the same, so HOOK_FAILURE_POLICY decides it ({@code fail}:
 * block it, under the same ACTIONS, CLUSTERS and MODE) and an alert says so. Never a remediation.
 */
public final class Planner {
    static final String DRY_RUN = "dry-run";

    private final EnforcementSettings settings;
    private final Config.EnforcementMode mode;

    public Planner(EnforcementSettings settings, Config.EnforcementMode mode) {
        this.settings = settings;
        this.mode = mode;
    }

    public List<Step> plan(DecisionRecord record, Subject subject) {
        if (record.decision() instanceof Decision.Error && Trigger.DEPLOYMENT.label().equals(subject.trigger())) {
            return undecidedDeployment(record, subject);
        }
        List<Step> steps = new ArrayList<>();
        if (!(record.decision() instanceof Decision.Violation)) {
            return steps;
        }
        for (ActionKind kind : ActionKind.values()) {
            List<Finding> requesting = record.findings().stream().filter(f -> f.actions().contains(kind.label())).toList();
            if (requesting.isEmpty()) {
                continue;
            }
            steps.add(step(kind, subject, record.resource(), rules(requesting), dryRunReason(requesting)));
        }
        return steps;
    }

    /** The alert step a decision gets without asking for one, when the account was changed: people must be told. */
    public Step unrequestedAlert(DecisionRecord record, Subject subject) {
        return step(ActionKind.ALERT, subject, record.resource(), rules(record.findings()), dryRunReason(record.findings()));
    }

    /** An {@code error} on a deployment hook: HOOK_FAILURE_POLICY's answer, and an alert. */
    private List<Step> undecidedDeployment(DecisionRecord record, Subject subject) {
        List<String> none = List.of(UNDECIDED);
        String modeReason = mode == Config.EnforcementMode.DRY_RUN ? "MODE is dry-run" : null;
        Step block = step(ActionKind.BLOCK_DEPLOYMENT, subject, record.resource(), none, modeReason);
        if (block.settled() == null && settings.hookFailurePolicy() == EnforcementSettings.HookFailurePolicy.IGNORE) {
            block = block.settle(Outcome.NOT_ALLOWED, "HOOK_FAILURE_POLICY is ignore: a deployment that cannot be judged goes on");
        }
        return List.of(block, step(ActionKind.ALERT, subject, record.resource(), none, modeReason));
    }

    /** The rule list of a step that no violation requested (an undecided deployment). */
    static final String UNDECIDED = "(no decision)";

    private static List<String> rules(List<Finding> requesting) {
        Set<String> rules = new LinkedHashSet<>();
        for (Finding f : requesting) {
            rules.add(f.rule() != null ? f.rule() : "(unnamed rule)");
        }
        return List.copyOf(rules);
    }

    private Step step(ActionKind kind, Subject subject, String resource, List<String> rules, String dryRunReason) {
        Targets.Resolved resolved = Targets.of(kind, subject, resource);
        Step step = new Step(kind, resolved.target(), rules, dryRunReason, null);
        if (!settings.allows(kind)) {
            return step.settle(Outcome.NOT_ALLOWED, "ACTIONS (" + settings.actionsLabel() + ") does not include " + kind.label());
        }
        if (resolved.target() == null) {
            return step.settle(Outcome.NOT_APPLICABLE, resolved.why());
        }
        if (kind.effect() != ActionKind.Effect.NOTICE && !settings.clusters().includes(resolved.target().cluster())) {
            return step.settle(Outcome.NOT_ALLOWED, resolved.target().cluster() == null
                    ? "CLUSTERS (" + settings.clusters() + ") is set and " + resolved.target().resource() + " belongs to no cluster"
                    : "cluster " + resolved.target().cluster() + " is outside CLUSTERS (" + settings.clusters() + ")");
        }
        return step;
    }

    private String dryRunReason(List<Finding> requesting) {
        if (mode == Config.EnforcementMode.DRY_RUN) {
            return "MODE is dry-run";
        }
        List<String> lowered = new ArrayList<>();
        for (Finding f : requesting) {
            if (!DRY_RUN.equals(f.details().get("mode"))) {
                return null; // one violation in enforce mode is enough
            }
            lowered.add(f.rule() != null ? f.rule() : f.msg());
        }
        return "the violation asks for dry-run (mode \"dry-run\" in " + String.join(", ", lowered) + ")";
    }
}
