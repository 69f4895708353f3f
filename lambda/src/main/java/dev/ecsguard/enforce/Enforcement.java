package dev.ecsguard.enforce;

import dev.ecsguard.decision.ActionTaken;
import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.DecisionRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * What happens after a decision: its actions and its evidence. {@link LiveEnforcement} acts on
 * AWS (the Lambda; replay against an endpoint); {@link #planOnly} only says what would be done
 * (replay without AWS, SnapStart priming). Implementations never throw, and act only on a
 * violation: an {@code error} decision never acts (on a deployment hook it is answered by
 * HOOK_FAILURE_POLICY, see {@link Planner}). Every decision is passed, whatever it is.
 */
public interface Enforcement {
    /** The record with {@code actions_taken} filled in. */
    DecisionRecord apply(DecisionRecord record, Subject subject);

    /** Called before the event's input document is built (a role assumed for its reads is named after it). */
    default void startEvent(String eventId) {}

    /** Plans each action and records it as {@code dry_run}: nothing is called, nothing is sent. */
    static Enforcement planOnly(Planner planner) {
        return (record, subject) -> {
            List<Step> steps = planner.plan(record, subject);
            if (steps.isEmpty() && !(record.decision() instanceof Decision.Violation)) {
                return record;
            }
            List<ActionTaken> taken = new ArrayList<>();
            for (Step s : steps) {
                if (s.settled() != null) {
                    taken.add(s.settled());
                } else {
                    String why = switch (s.kind().effect()) {
                        case REMEDIATION -> s.dryRunReason() != null ? s.dryRunReason() : "replay without AWS acts on nothing";
                        case VERDICT -> s.dryRunReason() != null ? s.dryRunReason() : "replay without AWS answers no hook";
                        case NOTICE -> "replay without AWS sends no alert";
                    };
                    taken.add(new ActionTaken(s.kind(), s.resource(), ActionTaken.Outcome.DRY_RUN, why));
                }
            }
            return record.withActions(taken, record.mode(), record.timings());
        };
    }
}
