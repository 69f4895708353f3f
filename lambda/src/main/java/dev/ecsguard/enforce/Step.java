package dev.ecsguard.enforce;

import dev.ecsguard.decision.ActionKind;
import dev.ecsguard.decision.ActionTaken;
import java.util.List;

/**
 * One action of a decision as planned: what it is carried out on, which rules request it, and
 * either why it is settled already (not allowed, not applicable) or whether it runs for real.
 *
 * @param target null when there is nothing to act on
 * @param rules the rule ids of the violations that request it
 * @param dryRunReason why it is only recorded (MODE, the violation's own {@code mode}); null: enforce
 * @param settled the outcome when the plan already decides it (NOT_ALLOWED, NOT_APPLICABLE); null otherwise
 */
public record Step(ActionKind kind, Target target, List<String> rules, String dryRunReason, ActionTaken settled) {
    public Step {
        rules = List.copyOf(rules);
    }

    public boolean enforce() {
        return settled == null && dryRunReason == null;
    }

    public String resource() {
        return target == null ? null : target.resource();
    }

    public Step settle(ActionTaken.Outcome outcome, String detail) {
        return new Step(kind, target, rules, dryRunReason, new ActionTaken(kind, resource(), outcome, detail));
    }
}
