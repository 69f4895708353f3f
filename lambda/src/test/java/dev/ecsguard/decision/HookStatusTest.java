package dev.ecsguard.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hook's answer is read from the record: FAILED only when the deployment was blocked. */
class HookStatusTest {
    static final String D = "arn:aws:ecs:us-east-1:1:service-deployment/prod/web/x";

    static DecisionRecord record(String trigger, Decision d, ActionTaken... taken) {
        return new DecisionRecord("", "x", trigger, D, d, "enforce", List.of(), null, null, null, DecisionRecord.Timings.NONE,
                List.of(taken));
    }

    static ActionTaken block(ActionTaken.Outcome o) {
        return new ActionTaken(ActionKind.BLOCK_DEPLOYMENT, D, o, null);
    }

    @Test
    void failedOnlyWhenBlockedOrAlreadyBlocked() {
        Decision v = new Decision.Violation(List.of(Finding.message("x")));
        assertEquals(Optional.of(HookStatus.FAILED), HookStatus.of(record("deployment", v, block(ActionTaken.Outcome.DONE))));
        assertEquals(Optional.of(HookStatus.FAILED), HookStatus.of(record("deployment", v, block(ActionTaken.Outcome.DUPLICATE))));
        assertEquals(Optional.of(HookStatus.FAILED), HookStatus.of(record("deployment", new Decision.Error("e"), block(ActionTaken.Outcome.DONE))));
        for (ActionTaken.Outcome o : List.of(ActionTaken.Outcome.DRY_RUN, ActionTaken.Outcome.NOT_ALLOWED, ActionTaken.Outcome.NOT_APPLICABLE)) {
            assertEquals(Optional.of(HookStatus.SUCCEEDED), HookStatus.of(record("deployment", v, block(o))), o.toString());
        }
        assertEquals(Optional.of(HookStatus.SUCCEEDED), HookStatus.of(record("deployment", v,
                new ActionTaken(ActionKind.ALERT, D, ActionTaken.Outcome.DONE, null))), "alert only");
        assertEquals(Optional.of(HookStatus.SUCCEEDED), HookStatus.of(record("deployment", new Decision.Compliant())));
        assertEquals(Optional.of(HookStatus.SUCCEEDED), HookStatus.of(record("deployment", new Decision.Skipped("rollback"))));
        assertEquals(Optional.empty(), HookStatus.of(record("task_state_change", v, block(ActionTaken.Outcome.DONE))), "not a hook");
    }
}
