package dev.ecsguard.decision;

import java.util.Locale;
import java.util.Objects;

/**
 * What became of one action of a decision: an entry of the decision record's {@code actions_taken}.
 *
 * @param action the action ({@code stop_task}, ...)
 * @param resource what it was (or would have been) carried out on; null when there is nothing to
 *     act on
 * @param outcome what happened
 * @param detail why, in words (the AWS error, the previous desired count, the missing setting...)
 */
public record ActionTaken(ActionKind action, String resource, Outcome outcome, String detail) {
    public ActionTaken {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** What became of an action. */
    public enum Outcome {
        /** Carried out. */
        DONE,
        /** Would have been carried out: the deployment, the violation or replay is in dry-run. */
        DRY_RUN,
        /** Already carried out (or being carried out) for this resource: the ledger holds its claim. */
        DUPLICATE,
        /** Tried and failed (the AWS error in detail), or not tried because the ledger could not be written. */
        FAILED,
        /** Not carried out: too many resources were remediated in the breaker's window. */
        BREAKER_OPEN,
        /** Not carried out: the deployment does not allow it (ACTIONS, CLUSTERS, another account without a role). */
        NOT_ALLOWED,
        /** Nothing to carry it out on (a task without a service, an alert without a topic...). */
        NOT_APPLICABLE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Carried out or attempted: the account may have changed, and people must be told. */
        public boolean attempted() {
            return this == DONE || this == FAILED;
        }
    }
}
