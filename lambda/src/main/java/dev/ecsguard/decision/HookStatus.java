package dev.ecsguard.decision;

import java.util.Optional;

/**
 * The answer to an ECS deployment lifecycle hook ({@code {"hookStatus": ...}}), read from the
 * decision record alone so that the log line, replay, the alert and the function's answer can
 * never disagree. FAILED when the deployment was blocked ({@code block_deployment} done, or a
 * duplicate of a block already answered for the same hook execution); SUCCEEDED for everything
 * else: compliant, a violation that asks for no block or only in dry-run, and an {@code error}
 * that HOOK_FAILURE_POLICY lets through. Never IN_PROGRESS: the answer is made within the
 * invocation.
 */
public enum HookStatus {
    SUCCEEDED,
    FAILED;

    /** The answer for a {@code deployment} record; empty for any other trigger. */
    public static Optional<HookStatus> of(DecisionRecord record) {
        if (!"deployment".equals(record.trigger())) {
            return Optional.empty();
        }
        for (ActionTaken a : record.actionsTaken()) {
            if (a.action() == ActionKind.BLOCK_DEPLOYMENT
                    && (a.outcome() == ActionTaken.Outcome.DONE || a.outcome() == ActionTaken.Outcome.DUPLICATE)) {
                return Optional.of(FAILED);
            }
        }
        return Optional.of(SUCCEEDED);
    }
}
