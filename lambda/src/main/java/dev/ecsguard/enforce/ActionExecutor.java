package dev.ecsguard.enforce;

import dev.ecsguard.aws.AccountAccess;
import dev.ecsguard.decision.ActionKind;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Carries out one kind of action on its target, in the target's account. One class per action;
 * a new action is a new executor (and its {@link ActionKind} and {@link Targets} entry).
 * Implementations answer with a {@link Result}, never throw for an AWS error: a failure is an
 * outcome ({@code failed}, with the error) that is recorded and alerted.
 */
public interface ActionExecutor {
    ActionKind kind();

    Result execute(Target target, AccountAccess.Access.Granted access, Context context);

    /** @param done false: failed, {@code detail} says why */
    record Result(boolean done, String detail) {
        public static Result done(String detail) {
            return new Result(true, detail);
        }

        public static Result failed(String detail) {
            return new Result(false, detail);
        }
    }

    /** What an executor gets from the decision it acts for. */
    interface Context {
        /** The rule ids that request the action. */
        java.util.List<String> rules();

        /** The id of the event decided. */
        String eventId();

        /**
         * Writes what the action is about to change into its ledger item, before it changes it
         * (so that a restore knows it even if the function stops half-way).
         */
        void recordBeforeActing(Map<String, AttributeValue> state);
    }
}
